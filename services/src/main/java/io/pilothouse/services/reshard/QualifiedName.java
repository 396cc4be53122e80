package io.pilothouse.services.reshard;

import io.pilothouse.services.postgres.SqlIdentifiers;

/**
 * A schema-qualified relation name, as the catalogs give it (unquoted parts).
 *
 * @param schema schema
 * @param name   relation name
 */
public record QualifiedName(String schema, String name) {

    /** {@code "schema"."name"} as it goes into SQL. */
    public String sql() {
        return SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(name);
    }

    /** The same schema, another name. */
    public QualifiedName withName(String other) {
        return new QualifiedName(schema, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
