//! The two database roles. The *owner* role (`DATABASE_URL`) runs the migrations and owns every
//! table, trigger and function. The *runtime* role (`database.runtime_user`) is what `serve` and
//! the other commands connect as: it may read and write rows, and on the append-only tables only
//! read and add them. It owns nothing, so it can neither `ALTER TABLE … DISABLE TRIGGER` nor drop
//! the trigger that keeps `audit_log` append-only, and without UPDATE/DELETE/TRUNCATE privileges
//! PostgreSQL refuses those statements before any trigger runs.
//!
//! [`grant_runtime`] is run by `orgnabor migrate` after the migrations: it (re)states the runtime
//! role's privileges on every table and sequence that exists, and sets default privileges so that
//! a table a later migration creates is usable at once. Listing an append-only table in
//! [`APPEND_ONLY`] is all a new one needs.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{Bool, Text};

/// Tables the runtime role may only read and add to.
pub const APPEND_ONLY: &[&str] = &[
    "audit_log",
    "licence_events",
    "placement_events",
    "contracts",
    "contract_signatures",
    "verification_codes",
    "complaint_events",
    "reviews",
];

/// Tables the runtime role may only read (`/ready` compares the applied migrations).
pub const READ_ONLY: &[&str] = &["__diesel_schema_migrations"];

/// The schema the migrations create their tables in.
const SCHEMA: &str = "public";

/// A double-quoted SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[derive(QueryableByName)]
struct Facts {
    #[diesel(sql_type = Text)]
    me: String,
    #[diesel(sql_type = Text)]
    database: String,
    #[diesel(sql_type = Bool)]
    exists: bool,
    #[diesel(sql_type = Bool)]
    dangerous: bool,
}

/// The statements that give `role` exactly the runtime privileges. Idempotent; run as the owner.
pub fn grant_statements(role: &str, database: &str) -> Vec<String> {
    let r = quote_ident(role);
    let s = quote_ident(SCHEMA);
    let mut out = vec![
        format!("GRANT CONNECT ON DATABASE {} TO {r}", quote_ident(database)),
        format!("GRANT USAGE ON SCHEMA {s} TO {r}"),
        // Start from nothing, so a privilege granted by hand or by an older version goes away.
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}"),
        // Tables and sequences the owner creates later (the next migration) come usable.
        format!(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}"
        ),
        format!("ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}"),
    ];
    for table in APPEND_ONLY {
        out.push(format!(
            "REVOKE UPDATE, DELETE ON {s}.{} FROM {r}",
            quote_ident(table)
        ));
    }
    for table in READ_ONLY {
        out.push(format!(
            "REVOKE INSERT, UPDATE, DELETE ON {s}.{} FROM {r}",
            quote_ident(table)
        ));
    }
    out
}

/// Grants the runtime role its privileges (see the module comment). Run as the owner, after the
/// migrations. Fails when the role is missing, or could act as the owner or a superuser (it
/// would then be no runtime role). When the runtime role *is* the owner (a deliberate single-role
/// set-up) nothing is granted and a warning says that the audit log is unprotected.
pub fn grant_runtime(conn: &mut PgConnection, role: &str) -> anyhow::Result<()> {
    let facts: Facts = sql_query(
        "SELECT current_user::text AS me, current_database()::text AS database,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
                coalesce((SELECT rolsuper OR pg_has_role(oid, current_user, 'USAGE')
                            FROM pg_roles WHERE rolname = $1), false) AS dangerous",
    )
    .bind::<Text, _>(role)
    .get_result(conn)?;
    if facts.me == role {
        tracing::warn!(
            role,
            "the runtime role is the owner role: the application can alter the audit log"
        );
        return Ok(());
    }
    if !facts.exists {
        anyhow::bail!(
            "the runtime role {role} does not exist. scripts/ensure-postgres.sh creates it; or, as \
             an administrator: CREATE ROLE {} LOGIN PASSWORD '…'; GRANT {} TO {} \
             (then set ORGNABOR__DATABASE__RUNTIME_PASSWORD)",
            quote_ident(role),
            quote_ident(role),
            quote_ident(&facts.me)
        );
    }
    if facts.dangerous {
        anyhow::bail!(
            "the runtime role {role} is a superuser or has the privileges of the owner {}: it \
             could alter the audit log. Use a role without them",
            facts.me
        );
    }
    let statements = grant_statements(role, &facts.database);
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        for statement in &statements {
            sql_query(statement).execute(conn)?;
        }
        Ok(())
    })?;
    tracing::info!(role, "runtime role privileges granted");
    Ok(())
}

#[derive(QueryableByName)]
struct Owns {
    #[diesel(sql_type = Bool)]
    owns: bool,
}

/// Whether the role of this connection can alter the audit log: it is a superuser, or has the
/// privileges of the role that owns `audit_log`. `serve` checks its own connection with this.
pub fn can_alter_audit_log(conn: &mut PgConnection) -> QueryResult<bool> {
    sql_query(
        "SELECT coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE')
                            FROM pg_class c WHERE c.oid = to_regclass('audit_log')), false)
             OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS owns",
    )
    .get_result::<Owns>(conn)
    .map(|o| o.owns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("orgnabor_app"), "\"orgnabor_app\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn the_audit_log_gets_no_update_or_delete_and_nothing_gets_ddl() {
        let all = grant_statements("app", "db").join(";\n");
        assert!(all.contains("REVOKE UPDATE, DELETE ON \"public\".\"audit_log\" FROM \"app\""));
        for word in [
            "TRUNCATE",
            "TRIGGER",
            "REFERENCES",
            "CREATE",
            "ALL PRIVILEGES",
        ] {
            assert!(!all.contains(word), "{word} in {all}");
        }
        let revoke = all
            .find("REVOKE UPDATE, DELETE ON \"public\".\"audit_log\"")
            .unwrap();
        let grant = all
            .find("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES")
            .unwrap();
        assert!(revoke > grant, "the revoke comes after the blanket grant");
    }
}
