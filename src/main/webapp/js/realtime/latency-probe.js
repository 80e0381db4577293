/**
 * Measures the round trip continuously: every `interval` ms it emits 'latency' with Date.now() and an
 * ack; the server acks with the arguments it got, so the echo carries our own send time.
 */
export class LatencyProbe {
  #socket;
  #interval;
  #samples;
  #log;
  #onSample;
  #timer = null;
  #history = [];

  /**
   * @param {{socket: object, interval: number, samples: number, log: object,
   *          onSample: (latency: {last: number, history: number[]}) => void}} options
   *   interval 0 (or less) turns the probe off
   */
  constructor({ socket, interval, samples, log, onSample }) {
    this.#socket = socket;
    this.#interval = interval;
    this.#samples = samples;
    this.#log = log;
    this.#onSample = onSample;
  }

  /** Last round trip in ms (null before the first) and the recent ones, oldest first. */
  get latency() {
    const history = [...this.#history];
    return { last: history.at(-1) ?? null, history };
  }

  start() {
    if (!(this.#interval > 0)) return;
    this.stop();
    this.#probe();
    this.#timer = setInterval(() => this.#probe(), this.#interval);
  }

  stop() {
    if (this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  #probe() {
    if (!this.#socket.connected) return;
    const sent = Date.now();
    this.#socket.timeout(this.#interval).emit('latency', sent, (error, echoed) => {
      if (error) {
        this.#log.debug(`latency probe unanswered: ${error.message}`);
        return;
      }
      if (echoed !== sent) {
        this.#log.warn(`latency probe echoed ${JSON.stringify(echoed)} instead of ${sent}`);
        return;
      }
      this.#history.push(Date.now() - sent);
      if (this.#history.length > this.#samples) this.#history.shift();
      this.#onSample(this.latency);
    });
  }
}
