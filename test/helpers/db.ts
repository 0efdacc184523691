import { createDatabase, type Database, type Db } from '../../db/client';
import { seedDemo } from '../../db/seed';

/** The password of every seeded user in tests (not the demo one `npm start` prints). */
export const TEST_PASSWORD = 'Test-Passw0rd';

/**
 * A migrated, seeded database: real PostgreSQL when TEST_DATABASE_URL is set (a fresh
 * database per call, dropped on close), otherwise an in-memory PGlite.
 */
export async function testDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database & { url?: string };
  if (url) {
    const name = `test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = await createDatabase({ url, poolSize: 1 });
    await admin.db.execute(`create database ${name}`);
    const scoped = new URL(url);
    scoped.pathname = `/${name}`;
    // The URL goes with it: a worker in another process connects to the same database.
    database = { ...(await createDatabase({ url: scoped.toString(), poolSize: 5 })), url: scoped.toString() };
    const close = database.close;
    database.close = async () => {
      await close();
      await admin.db.execute(`drop database ${name} with (force)`);
      await admin.close();
    };
  } else {
    database = await createDatabase({ dataDir: 'memory://' });
  }
  await database.migrate();
  await seedDemo(database.db, { password: TEST_PASSWORD, mustChangePassword: false });
  return database;
}

/**
 * Makes PostgreSQL refuse the registry row of every process whose workflow id starts with
 * `prefix`, with a check violation (SQLSTATE 23514), as a permanent database error would; `lift`
 * drops the refusal, `restore` puts it back.
 */
export async function refuseRegistryRows(db: Db, prefix: string): Promise<{ lift(): Promise<void>; restore(): Promise<void> }> {
  const name = `refuse_${prefix.replace(/\W/g, '_')}`;
  await db.execute(`
    create function ${name}() returns trigger language plpgsql as $$
    begin
      if new.workflow_id like '${prefix}%' then
        raise exception 'test: registry row refused' using errcode = 'check_violation';
      end if;
      return new;
    end $$
  `);
  const create = `create trigger ${name} before insert on processes for each row execute function ${name}()`;
  await db.execute(create);
  return {
    lift: async () => {
      await db.execute(`drop trigger ${name} on processes`);
    },
    restore: async () => {
      await db.execute(create);
    },
  };
}
