import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateRawSync, deflateSync, constants as zlibConstants } from 'node:zlib';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { shardOfGuild } from '../../store/shards.js';
import { ALL_INTENTS, API_VERSIONS, PRIVILEGED_INTENTS, REPLAY_BUFFER_SIZE, WebSocketCloseCode } from './constants.js';
import type { EmulatorState } from './state.js';

/** The path of resume_gateway_url, so a test can tell a resume went where READY said. */
export const RESUME_PATH = '/resume';
/** What a zlib-stream starts with: a zlib header (deflate, default compression). */
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);

type Json = Record<string, unknown>;
interface DispatchEvent {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewayCounters {
  /** WebSocket connections accepted. */
  connections: number;
  identify: number;
  /** RESUME requests received, accepted or not. */
  resume: number;
  /** RESUMED events sent: resumes that worked. */
  resumed: number;
  /** Connections that came in on resume_gateway_url. */
  resumeUrlConnections: number;
  heartbeat: number;
  invalidSession: number;
  reconnectRequests: number;
}

/** What a test may look at for each gateway session. */
export interface SessionInfo {
  id: string;
  connected: boolean;
  sequence: number;
  intents: number;
  shard: [number, number];
  resumes: number;
}

export interface GatewayEvent {
  kind: 'connect' | 'identify' | 'ready' | 'resume' | 'resumed' | 'invalidSession' | 'reconnectRequested' | 'close';
  sessionId?: string;
  code?: number;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  resumeWindowMs: number;
  /** Privileged intents the application may use (the developer portal's switches). */
  privilegedIntents: number;
  /** The fewest shards an IDENTIFY may ask for: Discord closes with 4011 when a bot has too many guilds for its count. */
  requiredShards: number;
}

interface Session {
  id: string;
  sequence: number;
  replay: DispatchEvent[];
  intents: number;
  shard: [number, number];
  resumes: number;
  connection?: Connection;
  disconnectedAt?: number;
}

interface Connection {
  socket: WebSocket;
  session?: Session;
  compression: 'none' | 'zlib-stream' | 'identify';
  streamStarted: boolean;
  /** Set when the emulator closes the socket, so the session stays resumable. */
  closedByServer: boolean;
}

/** The gateway WebSocket: HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME and dispatches. */
export class EmulatedGateway {
  readonly counters: GatewayCounters = {
    connections: 0,
    identify: 0,
    resume: 0,
    resumed: 0,
    resumeUrlConnections: 0,
    heartbeat: 0,
    invalidSession: 0,
    reconnectRequests: 0,
  };
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();

  constructor(
    httpServer: Server,
    private readonly state: EmulatorState,
    private readonly options: GatewayOptions,
    private readonly urls: { gateway: () => string; resume: () => string },
    private readonly onEvent: (event: GatewayEvent) => void,
  ) {
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path !== '/' && path !== RESUME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
    });
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const connection: Connection = { socket, compression: 'none', streamStarted: false, closedByServer: false };
    this.connections.add(connection);
    this.counters.connections += 1;
    if (url.pathname === RESUME_PATH) this.counters.resumeUrlConnections += 1;
    socket.on('close', (code) => this.closed(connection, code));
    socket.on('error', () => undefined);

    const version = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    const compress = url.searchParams.get('compress');
    if (version !== null && !(API_VERSIONS as readonly number[]).includes(Number(version)))
      return this.closeConnection(connection, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    // ETF and zstd would need codecs the emulator does not have; discord.js asks for neither.
    if (encoding !== 'json')
      return this.closeConnection(connection, GatewayCloseCodes.DecodeError, 'The emulator speaks encoding=json only');
    if (compress !== null && compress !== 'zlib-stream')
      return this.closeConnection(connection, GatewayCloseCodes.DecodeError, `Unsupported compression ${compress}`);
    if (compress === 'zlib-stream') connection.compression = 'zlib-stream';

    this.onEvent({ kind: 'connect' });
    this.send(connection, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["emulator",{}]'] },
      s: null,
      t: null,
    });
    socket.on('message', (raw, isBinary) => this.receive(connection, raw, isBinary));
  }

  private receive(connection: Connection, raw: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frames would be ETF');
      payload = JSON.parse(String(raw)) as { op?: unknown; d?: unknown };
    } catch {
      return this.closeConnection(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    }
    const data = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.counters.heartbeat += 1;
        return this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
      case GatewayOpcodes.Identify:
        return this.identify(connection, data);
      case GatewayOpcodes.Resume:
        return this.resume(connection, data);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) return this.closeConnection(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        return this.closeConnection(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private identify(connection: Connection, data: Json): void {
    if (connection.session) return this.closeConnection(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (data.token !== this.state.token)
      return this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    const intents = data.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      return this.closeConnection(connection, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
    }
    if (intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents) {
      return this.closeConnection(connection, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
    }
    const shard = (Array.isArray(data.shard) ? data.shard : [0, 1]) as [number, number];
    const whole = shard.length === 2 && shard.every((value) => Number.isInteger(value));
    if (!(whole && shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1]))
      return this.closeConnection(connection, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
    if (shard[1] < this.options.requiredShards)
      return this.closeConnection(connection, GatewayCloseCodes.ShardingRequired, 'Sharding required.');
    // identify compression: the client inflates each binary frame on its own.
    if (data.compress === true && connection.compression === 'none') connection.compression = 'identify';

    this.counters.identify += 1;
    const session: Session = { id: randomBytes(16).toString('hex'), sequence: 0, replay: [], intents, shard, resumes: 0, connection };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.onEvent({ kind: 'identify', sessionId: session.id });

    const guilds = this.state.installedGuilds.filter((guild) => this.inShard(session, guild.id));
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: { ...this.state.userPayload(this.state.bot), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.urls.resume(),
      shard,
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['["emulator",{}]'],
    });
    this.onEvent({ kind: 'ready', sessionId: session.id });
    // Every guild listed in READY must follow as GUILD_CREATE, or discord.js waits 15 s for it.
    for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', this.state.guildCreatePayload(guild));
  }

  private resume(connection: Connection, data: Json): void {
    if (connection.session) return this.closeConnection(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    this.counters.resume += 1;
    if (data.token !== this.state.token)
      return this.closeConnection(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    const session = this.sessions.get(String(data.session_id));
    this.onEvent({ kind: 'resume', ...(session ? { sessionId: session.id } : {}) });
    const seq = Number(data.seq ?? 0);
    const oldest = session?.replay[0]?.s ?? (session ? session.sequence + 1 : 0);
    // The events after `seq` must all still be in the replay buffer.
    if (!session || !this.resumable(session) || seq > session.sequence || oldest > seq + 1) {
      this.counters.invalidSession += 1;
      this.onEvent({ kind: 'invalidSession', ...(session ? { sessionId: session.id } : {}) });
      return this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
    }
    if (session.connection && session.connection !== connection)
      this.closeConnection(session.connection, GatewayCloseCodes.UnknownError, 'Session resumed elsewhere');
    session.connection = connection;
    delete session.disconnectedAt;
    connection.session = session;
    session.resumes += 1;
    for (const event of session.replay) if (event.s > seq) this.send(connection, { op: GatewayOpcodes.Dispatch, ...event });
    this.counters.resumed += 1;
    this.dispatchTo(session, 'RESUMED', { _trace: ['["emulator",{}]'] });
    this.onEvent({ kind: 'resumed', sessionId: session.id });
  }

  private closed(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    this.onEvent({ kind: 'close', code, ...(session ? { sessionId: session.id } : {}) });
    if (!session || session.connection !== connection) return;
    delete session.connection;
    // A client closing with 1000 or 1001 ends its session; any other close leaves it resumable.
    if (!connection.closedByServer && (code === WebSocketCloseCode.Normal || code === WebSocketCloseCode.GoingAway))
      this.sessions.delete(session.id);
    else session.disconnectedAt = Date.now();
  }

  private resumable(session: Session): boolean {
    return session.disconnectedAt === undefined || Date.now() - session.disconnectedAt <= this.options.resumeWindowMs;
  }

  /** Discord's routing: a guild's events go to its shard (src/store/shards.ts), the rest (DMs) to shard 0. */
  private inShard(session: Session, guildId: string | undefined): boolean {
    const [id, count] = session.shard;
    return guildId ? shardOfGuild(guildId, count) === id : id === 0;
  }

  private send(connection: Connection, payload: Json): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    const json = JSON.stringify(payload);
    if (connection.compression === 'none') {
      connection.socket.send(json);
    } else if (connection.compression === 'identify') {
      connection.socket.send(deflateSync(json));
    } else {
      // One zlib stream per connection, each payload ending in a sync flush (00 00 FF FF). Each is
      // deflated on its own, which is valid inside one stream: it just shares no dictionary.
      const body = deflateRawSync(json, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      connection.socket.send(connection.streamStarted ? body : Buffer.concat([ZLIB_HEADER, body]));
      connection.streamStarted = true;
    }
  }

  private closeConnection(connection: Connection, code: number, reason: string): void {
    connection.closedByServer = true;
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.close(code, reason);
  }

  private dispatchTo(session: Session, type: string, data: unknown): void {
    session.sequence += 1;
    const event: DispatchEvent = { s: session.sequence, t: type, d: data };
    session.replay.push(event);
    if (session.replay.length > REPLAY_BUFFER_SIZE) session.replay.shift();
    if (session.connection) this.send(session.connection, { op: GatewayOpcodes.Dispatch, ...event });
  }

  /**
   * Sends an event to every live or resumable session it concerns (by guild shard and intent);
   * a disconnected one gets it when it resumes. Returns how many sessions took it.
   */
  dispatch(type: string, data: unknown | ((intents: number) => unknown), scope: { guildId?: string; intent?: number } = {}): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (!this.resumable(session)) {
        this.sessions.delete(session.id);
        continue;
      }
      if (scope.intent !== undefined && (session.intents & scope.intent) === 0) continue;
      if (!this.inShard(session, scope.guildId)) continue;
      this.dispatchTo(session, type, typeof data === 'function' ? (data as (intents: number) => unknown)(session.intents) : data);
      count += 1;
    }
    return count;
  }

  /**
   * Sends an event to one session of the shard it belongs to, never two: the newest connected one, else the
   * newest resumable one (it gets it when it resumes). For INTERACTION_CREATE, which Discord delivers once.
   * Returns 1, or 0 when no session of that shard is there.
   */
  dispatchOnce(type: string, data: unknown, scope: { guildId?: string } = {}): number {
    let chosen: Session | undefined;
    for (const session of this.sessions.values()) {
      if (!this.resumable(session)) {
        this.sessions.delete(session.id);
        continue;
      }
      if (!this.inShard(session, scope.guildId)) continue;
      // Sessions are kept in the order they identified: a later one wins, a connected one over any other.
      if (!chosen || session.connection || !chosen.connection) chosen = session;
    }
    if (!chosen) return 0;
    this.dispatchTo(chosen, type, data);
    return 1;
  }

  /**
   * Makes connected clients reconnect and resume: by op 7 RECONNECT (discord.js closes with
   * 4200 and resumes), or by closing the socket with a resumable code.
   */
  forceReconnect(via: 'reconnect' | 'close' = 'reconnect', closeCode: number = GatewayCloseCodes.UnknownError): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      const connection = session.connection;
      if (!connection) continue;
      this.counters.reconnectRequests += 1;
      this.onEvent({ kind: 'reconnectRequested', sessionId: session.id });
      if (via === 'reconnect') this.send(connection, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
      else this.closeConnection(connection, closeCode, 'Reconnect requested by the emulator');
      count += 1;
    }
    return count;
  }

  /** Sends op 9 INVALID_SESSION; not resumable makes discord.js IDENTIFY again. */
  invalidateSessions(resumable = false): number {
    let count = 0;
    for (const session of [...this.sessions.values()]) {
      const connection = session.connection;
      if (resumable) {
        // The client may RESUME on this same connection, so it no longer counts as authenticated.
        delete session.connection;
        session.disconnectedAt = Date.now();
      } else {
        this.sessions.delete(session.id);
      }
      if (!connection) continue;
      delete connection.session;
      this.counters.invalidSession += 1;
      this.onEvent({ kind: 'invalidSession', sessionId: session.id });
      this.send(connection, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
      count += 1;
    }
    return count;
  }

  sessionInfo(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => ({
      id: session.id,
      connected: Boolean(session.connection),
      sequence: session.sequence,
      intents: session.intents,
      shard: session.shard,
      resumes: session.resumes,
    }));
  }

  get connectedClients(): number {
    return [...this.sessions.values()].filter((session) => session.connection).length;
  }

  close(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    this.sessions.clear();
    this.server.close();
  }
}
