// The NCALayer client against a fake NCALayer on the other end of a fake WebSocket.
import { describe, expect, it } from 'vitest';
import { base64ToBytes } from './bytes';
import {
  ALLOWED_STORAGES,
  CLIENT_AUTH_EKU,
  EMAIL_PROTECTION_EKU,
  NCALAYER_URL,
  isNcaLayerRunning,
  signWithNcaLayer,
  type SocketFactory,
} from './ncalayer';

type Behaviour = 'answers' | 'refuses' | 'silent';

/** Just enough of a WebSocket for the client: events as handler properties, send and close. */
class FakeSocket {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  readonly sent: unknown[] = [];
  closed = false;
  reply: (request: unknown) => void = () => {};
  readonly url: string;

  constructor(url: string, behaviour: Behaviour) {
    this.url = url;
    setTimeout(() => {
      if (behaviour === 'answers') {
        this.onopen?.(new Event('open'));
        // NCALayer greets each connection with its version.
        this.receive({ result: { version: '1.4' } });
      } else if (behaviour === 'refuses') {
        this.onerror?.(new Event('error'));
        this.onclose?.(new CloseEvent('close'));
      }
    }, 0);
  }

  send(data: string): void {
    const request: unknown = JSON.parse(data);
    this.sent.push(request);
    setTimeout(() => this.reply(request), 0);
  }

  close(): void {
    this.closed = true;
  }

  receive(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  drop(): void {
    this.onclose?.(new CloseEvent('close'));
  }
}

function fakeNcaLayer(behaviour: Behaviour, reply?: (socket: FakeSocket, request: unknown) => void) {
  const sockets: FakeSocket[] = [];
  const createSocket: SocketFactory = (url) => {
    const socket = new FakeSocket(url, behaviour);
    if (reply) socket.reply = (request) => reply(socket, request);
    sockets.push(socket);
    return socket as unknown as WebSocket;
  };
  return { sockets, options: { createSocket, connectTimeoutMs: 50 } };
}

const CMS = 'MIAGCSqGSIb3DQEHAqCAMIACAQEx';

describe('finding NCALayer', () => {
  it('reports it running when it accepts the connection, and hangs up', async () => {
    const { sockets, options } = fakeNcaLayer('answers');

    await expect(isNcaLayerRunning(options)).resolves.toBe(true);
    expect(sockets[0]?.url).toBe(NCALAYER_URL);
    expect(sockets[0]?.closed).toBe(true);
  });

  it('reports it absent when the connection is refused', async () => {
    await expect(isNcaLayerRunning(fakeNcaLayer('refuses').options)).resolves.toBe(false);
  });

  it('reports it absent when nothing answers within the time limit', async () => {
    const { sockets, options } = fakeNcaLayer('silent');

    await expect(isNcaLayerRunning(options)).resolves.toBe(false);
    expect(sockets[0]?.closed).toBe(true);
  });

  it('reports it absent when the browser refuses to open the socket at all', async () => {
    const createSocket: SocketFactory = () => {
      throw new DOMException('Refused to connect', 'SecurityError');
    };
    await expect(isNcaLayerRunning({ createSocket })).resolves.toBe(false);
  });
});

describe('signing with NCALayer', () => {
  it('asks for a detached CMS of the challenge with an AUTH key and returns the signature', async () => {
    const { sockets, options } = fakeNcaLayer('answers', (socket) =>
      socket.receive({ status: true, body: { result: [`${CMS.slice(0, 10)}\n${CMS.slice(10)}`] } }),
    );

    await expect(signWithNcaLayer('saulet:auth:қ-1', 'kk', options)).resolves.toBe(CMS);

    const request = sockets[0]?.sent[0] as {
      module: string;
      method: string;
      args: Record<string, unknown> & { data: string };
    };
    expect(request).toMatchObject({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        allowedStorages: [...ALLOWED_STORAGES],
        format: 'cms',
        signingParams: { decode: true, encapsulate: false, digested: false },
        signerParams: { extKeyUsageOids: [CLIENT_AUTH_EKU] },
        locale: 'kk',
      },
    });
    expect(new TextDecoder().decode(base64ToBytes(request.args.data))).toBe('saulet:auth:қ-1');
    expect(sockets[0]?.closed).toBe(true);
  });

  it('offers only SIGN keys when a document is signed', async () => {
    const { sockets, options } = fakeNcaLayer('answers', (socket) => socket.receive({ status: true, body: { result: [CMS] } }));

    await expect(signWithNcaLayer('a'.repeat(64), 'ru', { ...options, purpose: 'signing' })).resolves.toBe(CMS);

    const request = sockets[0]?.sent[0] as { args: { signerParams: unknown } };
    expect(request.args.signerParams).toEqual({ extKeyUsageOids: [EMAIL_PROTECTION_EKU] });
  });

  it('treats an answer without a result as the person cancelling', async () => {
    const { options } = fakeNcaLayer('answers', (socket) => socket.receive({ status: true, body: {} }));

    await expect(signWithNcaLayer('c', 'ru', options)).rejects.toMatchObject({ code: 'ncalayer-cancelled' });
  });

  it('passes on an error NCALayer reports', async () => {
    const { options } = fakeNcaLayer('answers', (socket) =>
      socket.receive({ status: false, code: '500', message: 'storage.empty', details: 'no token' }),
    );

    await expect(signWithNcaLayer('c', 'en', options)).rejects.toMatchObject({
      code: 'ncalayer-failed',
      detail: 'storage.empty: no token',
    });
  });

  it('fails as unavailable when NCALayer goes away before answering', async () => {
    const { options } = fakeNcaLayer('answers', (socket) => socket.drop());

    await expect(signWithNcaLayer('c', 'kk', options)).rejects.toMatchObject({
      code: 'ncalayer-unavailable',
    });
  });

  it('fails as unavailable when NCALayer is not running', async () => {
    await expect(signWithNcaLayer('c', 'kk', fakeNcaLayer('refuses').options)).rejects.toMatchObject({
      code: 'ncalayer-unavailable',
    });
  });
});
