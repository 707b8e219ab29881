import java.lang.reflect.Field;

/**
 * Starts DynamoDB Local bound to 127.0.0.1 only. DynamoDB Local has no bind-address option
 * (its Jetty server listens on every interface), so this launcher builds the server the way
 * its own main does, sets the host of Jetty's connectors to loopback, then starts it.
 * Run as a single-file source program (`java LoopbackDynamoDbLocal.java ...`, Java 11+). It
 * also exits when its stdin closes, which the stack that started it holds open while it lives.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    Object proxy = software.amazon.dynamodb.services.local.main.ServerRunner.createServerFromCommandLineArgs(args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    org.eclipse.jetty.server.Server jetty = (org.eclipse.jetty.server.Server) field.get(proxy);
    for (org.eclipse.jetty.server.Connector connector : jetty.getConnectors()) {
      if (connector instanceof org.eclipse.jetty.server.NetworkConnector network) {
        ((org.eclipse.jetty.server.AbstractNetworkConnector) network).setHost("127.0.0.1");
      }
    }
    proxy.getClass().getMethod("start").invoke(proxy);
    System.out.println("DynamoDB Local listening on 127.0.0.1");
    // The stack runs this JVM in its own process group so Ctrl-C reaches the stack alone; a
    // stack killed with SIGKILL would leave it running. Its stdin is a pipe from the stack,
    // which the kernel closes when the stack dies, however it dies.
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() != -1) {}
      } catch (java.io.IOException ignored) {
        // A broken pipe means the same: the stack is gone.
      }
      System.exit(0);
    });
    parentWatch.setDaemon(true);
    parentWatch.start();
  }
}
