/**
 * Reads one password from standard input. Piped (`printf '%s\n' "$PW" | npm run users …`): the
 * first line, without its line ending (spaces are kept: they may be part of a passphrase). At a
 * terminal: asks on stderr without echoing what is typed, twice, and refuses two different entries.
 */
export async function readPasswordLine(prompt: string, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const first = await readHidden(prompt, input);
  const second = await readHidden('The same password again: ', input);
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

/** The first line of a stream (all of it when it has no line break); an empty stream is an error. */
function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let done = false;
    const finish = (fail?: Error): void => {
      if (done) return;
      done = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      input.pause();
      if (fail) reject(fail);
      else resolve(text.split('\n')[0]?.replace(/\r$/, '') ?? '');
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.includes('\n')) finish();
    };
    const onEnd = (): void => (text ? finish() : finish(new Error('no password on standard input (pipe one line, or run at a terminal)')));
    const onError = (e: Error): void => finish(e);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}

/** Reads a line at a terminal in raw mode, echoing nothing; Ctrl-C or Ctrl-D abandon. */
function readHidden(prompt: string, input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    input.setRawMode(true);
    const stop = (): void => {
      input.setRawMode(false);
      input.removeListener('data', onData);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stop();
          resolve(text);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          stop();
          reject(new Error('abandoned'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
