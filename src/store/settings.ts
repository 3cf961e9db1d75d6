import type { Db } from './database.js';

export interface GuildSettings {
  /** Members with this role may curate, besides those with Manage Server. */
  curatorRoleId: string | null;
}

const DEFAULT_SETTINGS: GuildSettings = { curatorRoleId: null };

/** Per-server settings, changed with /faq settings. */
export class SettingsStore {
  private readonly select;
  private readonly upsert;

  constructor(db: Db) {
    this.select = db.prepare('SELECT curator_role_id AS curatorRoleId FROM guild_settings WHERE guild_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO guild_settings (guild_id, curator_role_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET curator_role_id = excluded.curator_role_id, updated_at = excluded.updated_at`,
    );
  }

  get(guildId: string): GuildSettings {
    return (this.select.get(guildId) as GuildSettings | undefined) ?? DEFAULT_SETTINGS;
  }

  setCuratorRole(guildId: string, roleId: string | null): void {
    this.upsert.run(guildId, roleId, Date.now());
  }
}
