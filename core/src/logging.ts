// SPDX-License-Identifier: AGPL-3.0-or-later
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * JSON lines for machines; readable lines when a person watches a terminal.
 * Personal data never goes into logs: request bodies are not logged and
 * cookies and authorization headers are redacted.
 */
export function createLogger(level: string, forceJson = false): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'sigess' },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  };
  if (!forceJson && process.stdout.isTTY) {
    return pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,app', sync: true }));
  }
  return pino(options);
}
