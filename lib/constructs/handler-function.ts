import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { ServicePrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Repository root: entry points, package-lock.json and models/ are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Newest Node.js runtime this aws-cdk-lib offers; the esbuild target follows it. */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;
const ESBUILD_TARGET = 'node24';

/**
 * ESM output keeps top-level await available to handlers (model loading at cold start);
 * bundled CommonJS dependencies still call require(), which ESM lacks, hence the shim.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __newsIngestCreateRequire } from 'node:module';" + 'const require = __newsIngestCreateRequire(import.meta.url);';

export interface HandlerFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/query/handler.ts`. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  /** Shell commands run after esbuild, e.g. to copy data files into the bundle. */
  afterBundling?: (inputDir: string, outputDir: string) => string[];
}

/**
 * A handler as this project deploys every Lambda: ARM64 on the newest Node.js runtime,
 * bundled and minified by the local esbuild (no Docker), JSON logs into a log group with
 * a retention, and an own role that starts with nothing but writing to that log group
 * (not the AWSLambdaBasicExecutionRole managed policy, which allows every log group).
 */
export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    const afterBundling = props.afterBundling ?? (() => []);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: Duration.seconds(props.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        // Stack traces point into the TypeScript sources instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Maps without embedded sources: names and lines are enough, the bundle stays small.
        sourcesContent: false,
        // Bundle the AWS SDK too instead of using the runtime's copy: the versions we
        // tested with are the versions that run, and tree-shaking keeps only what is used.
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling,
        },
      },
    });
  }
}
