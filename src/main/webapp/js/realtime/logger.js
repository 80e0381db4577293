export const LOG_LEVELS = Object.freeze(['debug', 'info', 'warn', 'error', 'silent']);

/**
 * A console logger that drops messages below `level`. The sink is injectable (tests pass a recorder).
 *
 * @param {'debug'|'info'|'warn'|'error'|'silent'} level
 * @param {{debug: Function, info: Function, warn: Function, error: Function}} [sink]
 * @param {string} [prefix] put in front of every message, e.g. "[switchboard /chat]"
 */
export function createLogger(level = 'info', sink = console, prefix = '') {
  const threshold = LOG_LEVELS.indexOf(level);
  if (threshold < 0) {
    throw new RangeError(`logLevel must be one of ${LOG_LEVELS.join(', ')}, was ${level}`);
  }
  const logger = { level };
  for (const name of LOG_LEVELS.slice(0, -1)) {
    logger[name] =
      LOG_LEVELS.indexOf(name) >= threshold
        ? (...args) => (prefix ? sink[name](prefix, ...args) : sink[name](...args))
        : () => {};
  }
  return logger;
}
