import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayOp, HEARTBEAT_INTERVAL_MS } from './protocol.js';
import type { EmulatorState } from './state.js';

/** Close code discord.js treats as "bad token": it does not reconnect. */
const AUTHENTICATION_FAILED = 4004;
/** Events kept per session so a resumed client can catch up. */
const REPLAY_BUFFER = 1000;

interface Session {
  id: string;
  sequence: number;
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

/** The gateway WebSocket: HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME and dispatches. */
export class EmulatedGateway {
  readonly counts = { identify: 0, resume: 0, heartbeat: 0 };
  private readonly server: WebSocketServer;
  private readonly sessions = new Map<string, Session>();

  constructor(
    httpServer: Server,
    private readonly state: EmulatorState,
    private readonly resumeUrl: () => string,
  ) {
    this.server = new WebSocketServer({ server: httpServer });
    this.server.on('connection', (socket) => this.accept(socket));
  }

  private accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: GatewayOp.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }));
    socket.on('message', (raw) => {
      let payload: { op: number; d: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.receive(socket, payload);
    });
    socket.on('close', () => {
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = undefined;
    });
  }

  private receive(socket: WebSocket, payload: { op: number; d: Record<string, unknown> | number | null }): void {
    const data = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.counts.heartbeat += 1;
        socket.send(JSON.stringify({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case GatewayOp.Identify: {
        if (data.token !== this.state.token) {
          socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
          return;
        }
        this.counts.identify += 1;
        const session: Session = { id: randomBytes(16).toString('hex'), sequence: 0, sent: [], socket };
        this.sessions.set(session.id, session);
        this.send(session, 'READY', {
          v: 10,
          user: this.state.bot,
          guilds: this.state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
          session_id: session.id,
          resume_gateway_url: this.resumeUrl(),
          application: { id: this.state.applicationId, flags: 0 },
          shard: [0, 1],
        });
        for (const guild of this.state.guilds) this.send(session, 'GUILD_CREATE', this.state.guildPayload(guild));
        return;
      }
      case GatewayOp.Resume: {
        const session = this.sessions.get(String(data.session_id));
        if (!session || data.token !== this.state.token) {
          socket.send(JSON.stringify({ op: GatewayOp.InvalidSession, d: false, s: null, t: null }));
          return;
        }
        this.counts.resume += 1;
        session.socket = socket;
        const after = Number(data.seq ?? 0);
        for (const event of session.sent.filter((sent) => sent.s > after)) {
          socket.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
        }
        this.send(session, 'RESUMED', {});
        return;
      }
      default:
        return;
    }
  }

  private send(session: Session, type: string, data: unknown): void {
    session.sequence += 1;
    const event = { s: session.sequence, t: type, d: data };
    session.sent.push(event);
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    session.socket?.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
  }

  /** Sends an event to every session; a disconnected one gets it on resume. */
  dispatch(type: string, data: unknown): void {
    for (const session of this.sessions.values()) this.send(session, type, data);
  }

  /** Asks every client to reconnect (op 7); discord.js then resumes its session. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) {
      session.socket?.send(JSON.stringify({ op: GatewayOp.Reconnect, d: null, s: null, t: null }));
    }
  }

  get connectedClients(): number {
    return [...this.sessions.values()].filter((session) => session.socket).length;
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }
}
