#!/usr/bin/env node
/**
 * assent-server-sync serve [--demo] [--port N] | purge [--demo] | verify <subjectId> [--demo]
 * Configuration comes from the environment (see README); `--demo` allows invented secrets.
 */
import { resolveConfig, type ServerOptions } from './config.js';
import { ConfigError } from './keys.js';
import { startServer } from './server.js';
import { openService } from './service.js';

const USAGE = `usage: assent-server-sync <command> [--demo] [--port N]
  serve              start the HTTP server (default command)
  purge              delete data past retention, print the counts
  verify <subjectId> verify a subject's receipt chain (exit 1 if broken)`;

interface Parsed {
  command: string;
  args: string[];
  options: ServerOptions;
}

function parse(argv: string[]): Parsed {
  const options: ServerOptions = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--demo' || a === '--dev') options.demo = true;
    else if (a === '--port') options.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) options.port = Number(a.slice('--port='.length));
    else if (a === '-h' || a === '--help') args.unshift('help');
    else if (a.startsWith('-')) throw new ConfigError(`unknown option ${a}\n${USAGE}`);
    else args.push(a);
  }
  const [command = 'serve', ...rest] = args;
  return { command, args: rest, options };
}

async function main(): Promise<number> {
  const { command, args, options } = parse(process.argv.slice(2));
  if (command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'serve') {
    const server = await startServer(options);
    const stop = (signal: string) => {
      server.config.log({ event: 'stopping', signal, graceMs: server.config.shutdown.graceMs });
      server.close().then(
        (inTime) => {
          server.config.log({ event: 'stopped', drained: inTime });
          process.exit(inTime ? 0 : 1);
        },
        (err: unknown) => {
          server.config.log({ event: 'stop_failed', error: String(err) });
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    return -1;
  }
  if (command === 'purge' || command === 'verify') {
    // One-shot commands: no timers.
    const service = await openService(resolveConfig({ ...options, sweepIntervalMs: 0, purgeIntervalMs: 0, log: (e) => console.log(JSON.stringify(e)) }));
    try {
      if (command === 'purge') {
        await service.purge();
        return 0;
      }
      const subjectId = args[0];
      if (!subjectId) throw new ConfigError(`verify needs a subject id\n${USAGE}`);
      const result = await service.verifySubject(subjectId);
      if (!result) {
        console.error(`no such subject: ${subjectId}`);
        return 2;
      }
      console.log(JSON.stringify(result, null, 2));
      return result.valid ? 0 : 1;
    } finally {
      await service.close();
    }
  }
  console.error(`unknown command "${command}"\n${USAGE}`);
  return 2;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `configuration error: ${err.message}` : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
