// The command-line options of the benchmark scripts: `--name value` and `--name`.
const args = process.argv.slice(2);

/** The value given after `--name`, or `fallback`. */
export function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** Whether `--name` was given. */
export const flag = (name) => args.includes(`--${name}`);
