'use strict';
// The Cajal kernel's protocol layer: tslab's executor and ZeroMQ server, with the parts tslab lacks
// for a notebook that is also a test: error replies with ename/evalue/traceback, rich last values
// (execute_result with every MIME type of toMimeBundle()), continue-after-error when the client
// allows errors, constant-time signature checks that drop badly signed messages, and displays that
// belong to the cell that made them.
const crypto = require('crypto');
const util = require('util');
const jupyter = require('tslab/dist/jupyter.js');
const { expandShorthandProperties } = require('./shorthand.js');

const DELIMITER = Buffer.from('<IDS|MSG>');

/** Checks a raw multipart message's HMAC in constant time. Returns a reason string when it is bad. */
function signatureProblem(key, frames) {
  const at = frames.findIndex((f) => Buffer.isBuffer(f) ? f.equals(DELIMITER) : Buffer.from(f).equals(DELIMITER));
  if (at < 0) return 'no <IDS|MSG> delimiter';
  const signature = Buffer.from(frames[at + 1] ?? '');
  const parts = frames.slice(at + 2, at + 6);
  if (parts.length < 4) return 'fewer than four message parts';
  if (!key) return undefined; // an empty key means an unsigned session, per the Jupyter protocol
  const hmac = crypto.createHmac('sha256', key);
  for (const p of parts) hmac.update(p);
  const expected = Buffer.from(hmac.digest('hex'));
  if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return 'bad HMAC signature';
  return undefined;
}

/** Turns what the executor reported for a failed cell into Jupyter's ename/evalue/traceback. */
function toError(reports) {
  const [first] = reports;
  if (!first) return { ename: 'Error', evalue: 'execution failed', traceback: [] };
  if (first.length === 1 && first[0] instanceof Error) {
    const e = first[0];
    return { ename: e.name || 'Error', evalue: e.message, traceback: String(e.stack || `${e.name}: ${e.message}`).split('\n') };
  }
  // TypeScript diagnostics arrive as console.error("%s%d:%d - %s", …); several may come at once.
  const lines = reports.map((args) => util.format(...args));
  const isDiagnostic = first.length > 1 && typeof first[0] === 'string' && first[0].startsWith('%s%d:%d');
  return { ename: isDiagnostic ? 'TypeScriptError' : 'Error', evalue: lines.join('\n'), traceback: lines };
}

class CajalHandler extends jupyter.JupyterHandlerImpl {
  /**
   * @param executor tslab executor
   * @param hooks { renderValue(value) → Promise<bundle|undefined>, beginCell(sinks), endCell() → Promise }
   */
  constructor(executor, hooks) {
    super(executor, false);
    this.hooks = hooks;
    this.chain = Promise.resolve();
    this.failedAt = -Infinity; // when the last cell failed with stop_on_error
    this.reports = null; // console.error calls of the running cell
    this.lastValue = undefined;
  }

  handleKernel() {
    const reply = super.handleKernel();
    reply.implementation = 'cajal';
    reply.implementation_version = require('../package.json').version;
    reply.banner = 'Cajal (TypeScript): bio-inspired learning models, SpiNNaker emulation and vega-lite plots';
    reply.language_info.version = '5.0';
    return reply;
  }

  /** Called by the executor's console for the last value of a cell, and for its diagnostics. */
  onLastValue(value) { this.lastValue = { value }; }
  onReport(args) {
    if (this.reports) this.reports.push(args);
    else console.error(...args);
  }

  /**
   * Runs one execute_request in order. `sinks` sends stream / display / result / error messages of
   * this request. Resolves to the execute_reply content.
   */
  handleExecute(req, sinks) {
    const arrived = Date.now();
    const run = this.chain.then(async () => {
      // Requests queued behind a failed cell (a "run all") are aborted, as ipykernel does; requests
      // sent after the failure run normally.
      if (req.stop_on_error !== false && arrived <= this.failedAt) {
        return { status: 'aborted', execution_count: null };
      }
      return this.executeNow(req, sinks);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async executeNow(req, sinks) {
    const count = req.store_history === false ? this.execCount : ++this.execCount;
    process.stdout.write = this.createWriteToIopub('stdout', sinks.stream);
    process.stderr.write = this.createWriteToIopub('stderr', sinks.stream);
    jupyter.lastWriteDisplayData = sinks.display; // what tslab.display.* uses
    this.reports = [];
    this.lastValue = undefined;
    this.hooks.beginCell(sinks);
    let ok = false;
    try {
      ok = await this.executor.execute(expandShorthandProperties(req.code));
      if (ok && this.lastValue) ok = await this.showLastValue(this.lastValue.value, count, sinks);
      const late = await this.hooks.endCell();
      if (ok && late.length) {
        for (const e of late) this.reports.push([e]);
        ok = false;
      }
    } catch (e) {
      this.reports.push([e]);
      ok = false;
    }
    const reports = this.reports;
    this.reports = null;
    if (ok) return { status: 'ok', execution_count: count, user_expressions: {}, payload: [] };
    const error = toError(reports);
    sinks.error(error);
    if (req.stop_on_error !== false) this.failedAt = Date.now();
    return { status: 'error', execution_count: count, ...error };
  }

  async showLastValue(value, count, sinks) {
    let bundle;
    try {
      bundle = await this.hooks.renderValue(value);
    } catch (e) {
      this.reports.push([e]);
      return false;
    }
    if (bundle) sinks.result({ execution_count: count, data: bundle, metadata: {} });
    else console.log(value); // tslab's own rendering: util.inspect on stdout
    return true;
  }
}

/**
 * ZeroMQ allows one send at a time per socket and rejects a send while another waits (EBUSY), which
 * is what happens when a cell blocks the event loop while printing or updating a progress bar and
 * the queue fills up. tslab sends without waiting; here every send waits for the one before it.
 */
function serialiseSends(socket, name) {
  const send = socket.send.bind(socket);
  let previous = Promise.resolve();
  const serialisedSend = (frames) => {
    const next = previous.then(() => send(frames));
    previous = next.catch((e) => {
      require('fs').writeSync(2, `cajal kernel: a message on the ${name} socket was lost: ${e.message}\n`);
    });
    return next;
  };
  // zeromq's sockets have a read-only `send`: hand out a view whose send waits its turn.
  return new Proxy(socket, {
    get(target, property) {
      if (property === 'send') return serialisedSend;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const STREAM_FLUSH_CHARS = 64 * 1024;

class CajalServer extends jupyter.ZmqServer {
  async bindSocket(sock, port) {
    // Wait for the front end instead of dropping output when its queue is full.
    if (sock === this.iopub) sock.noDrop = true;
    return super.bindSocket(sock, port);
  }

  async init() {
    await super.init();
    this.iopub = serialiseSends(this.iopub, 'iopub');
    this.shell = serialiseSends(this.shell, 'shell');
    this.control = serialiseSends(this.control, 'control');
  }

  async handleShellMessage(sock, ...frames) {
    const problem = signatureProblem(this.connInfo.key, frames);
    if (problem) {
      // Never execute or even parse a message we cannot authenticate; say so on the kernel's log.
      // fd 2 directly: process.stderr is redirected to the last cell's output.
      require('fs').writeSync(2, `cajal kernel: dropped a message with ${problem}\n`);
      return;
    }
    return super.handleShellMessage(sock, ...frames);
  }

  async handleExecute(sock, msg) {
    const publish = (type, content) => {
      const m = msg.createReply();
      m.header.msg_type = type;
      m.content = content;
      m.signAndSend(this.connInfo.key, this.iopub);
    };
    publish('execute_input', { code: msg.content.code, execution_count: this.handler.execCount + 1 });
    // Printed text is coalesced into one stream message per turn of the event loop (as ipykernel
    // buffers stdout), so a loop that prints thousands of lines sends a few messages, not thousands.
    let buffered = null;
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (!buffered) return;
      const { name, text } = buffered;
      buffered = null;
      publish('stream', { name, text });
    };
    const stream = (name, text) => {
      if (buffered && buffered.name !== name) flush();
      if (buffered) buffered.text += text;
      else buffered = { name, text };
      if (buffered.text.length >= STREAM_FLUSH_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    };
    const sinks = {
      stream,
      display: (data, update) => { flush(); publish(update ? 'update_display_data' : 'display_data', data); },
      result: (content) => { flush(); publish('execute_result', content); },
      error: (content) => { flush(); publish('error', content); },
    };
    const content = await this.handler.handleExecute(msg.content, sinks);
    flush();
    const reply = msg.createReply();
    reply.header.msg_type = 'execute_reply';
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  }
}

module.exports = { CajalHandler, CajalServer, signatureProblem, toError };
