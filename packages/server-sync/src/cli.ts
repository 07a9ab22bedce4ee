#!/usr/bin/env node
/**
 * assent-server-sync serve [--demo] [--port N] | purge [--demo] | verify <subjectId> [--demo]
 *   | console-user add <name> --role viewer|privacy-officer | console-user list | console-user disable <name>
 * Configuration comes from the environment (see README); `--demo` allows invented secrets.
 */
import { parseArgs } from 'node:util';
import { CONSOLE_ROLES, type ConsoleRole } from '@assent/sdk/schema';
import { newAccessKey } from './console/access-keys.js';
import { resolveConfig, type ServerOptions } from './config.js';
import { ConfigError } from './keys.js';
import { startServer } from './server.js';
import { openService } from './service.js';

const USAGE = `usage: assent-server-sync <command> [--demo] [--port N]
  serve              start the HTTP server (default command)
  purge              delete data past retention, print the counts
  verify <subjectId> verify a subject's receipt chain (exit 1 if broken)
  console-user add <name> --role viewer|privacy-officer
                     create a privacy console user and print its access key (shown once)
  console-user list  list console users
  console-user disable <name>
                     disable a console user and end their sessions`;

interface Parsed {
  command: string;
  args: string[];
  options: ServerOptions;
  role?: string;
}

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        demo: { type: 'boolean' },
        dev: { type: 'boolean' },
        port: { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const options: ServerOptions = {};
  if (values.demo || values.dev) options.demo = true;
  if (values.port !== undefined) options.port = Number(values.port);
  const [command = 'serve', ...args] = values.help ? ['help'] : positionals;
  return { command, args, options, role: values.role };
}

async function main(): Promise<number> {
  const { command, args, options, role } = parse(process.argv.slice(2));
  if (command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'serve') {
    const server = await startServer(options);
    const stop = (signal: string) => {
      const { logger, shutdown } = server.config;
      logger.info({ event: 'stopping', signal, graceMs: shutdown.graceMs }, `stopping on ${signal}`);
      server.close().then(
        (inTime) => {
          // Exit 1 when the timeout had to cut connections: the orchestrator should know.
          if (inTime) logger.info({ event: 'stopped', drained: true }, 'stopped');
          else logger.warn({ event: 'stopped', drained: false }, 'stopped without draining every connection');
          process.exit(inTime ? 0 : 1);
        },
        (err: unknown) => {
          logger.error({ event: 'stop_failed', error: String(err) }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    return -1;
  }
  if (command === 'console-user') return consoleUser(args, role, options);
  if (command === 'purge' || command === 'verify') {
    // One-shot commands: no timers.
    const service = await openService(resolveConfig({ ...options, sweepIntervalMs: 0, purgeIntervalMs: 0 }));
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

/** `console-user add|list|disable`: console users live in the database, their keys only as hashes. */
async function consoleUser(args: string[], role: string | undefined, options: ServerOptions): Promise<number> {
  const [action, name] = args;
  const service = await openService(resolveConfig({ ...options, sweepIntervalMs: 0, purgeIntervalMs: 0, log: () => undefined }));
  try {
    const { storage, config } = service;
    if (action === 'list') {
      for (const u of await storage.consoleUsers())
        console.log(`${u.name}\t${u.role}\t${u.disabled_ms === null ? 'enabled' : `disabled ${new Date(Number(u.disabled_ms)).toISOString()}`}`);
      return 0;
    }
    if (!name || !/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u.test(name))
      throw new ConfigError(`console-user ${action ?? ''}: give a name (letters, digits, space . _ @ -; at most 64)\n${USAGE}`);
    if (action === 'add') {
      if (!CONSOLE_ROLES.includes(role as ConsoleRole)) throw new ConfigError(`console-user add: --role must be ${CONSOLE_ROLES.join(' or ')}`);
      if ((await storage.consoleUsers()).some((u) => u.name === name)) throw new ConfigError(`console-user add: a user named "${name}" exists`);
      const key = await newAccessKey();
      await storage.addConsoleUser({ user_id: key.userId, name, role: role as ConsoleRole, key_hash: key.hash, created_ms: config.clock().getTime() });
      console.log(key.key);
      console.error(`Console user "${name}" (${role}) created. Its access key is printed above, once: it is stored only as a hash.`);
      return 0;
    }
    if (action === 'disable') {
      if (await storage.disableConsoleUser(name, config.clock().getTime())) return 0;
      console.error(`no enabled console user named "${name}"`);
      return 2;
    }
    throw new ConfigError(`console-user: expected add, list or disable\n${USAGE}`);
  } finally {
    await service.close();
  }
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
