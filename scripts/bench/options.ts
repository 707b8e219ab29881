/** `--name VALUE` or `--name=VALUE` from a benchmark's arguments; undefined when absent. */
export function optionValue(argv: string[], name: string): string | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const value = argv[at]!.includes('=') ? argv[at]!.slice(name.length + 1) : argv[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}
