package io.pilothouse.services.workspace.sharding;

/**
 * One physical table: the data source (ShardingSphere's name, or a workspace source) and the table in it.
 *
 * @param dataSource data source name, e.g. {@code ds0}
 * @param table      physical table, e.g. {@code t_order_3}; may be schema-qualified ({@code s.t})
 */
public record DataNode(String dataSource, String table) {

    /**
     * Parses {@code ds.table} as ShardingSphere writes data nodes: the data source is everything before the first
     * dot, the rest (possibly {@code schema.table}) is the table.
     *
     * @throws IllegalArgumentException if there is no dot or either side is empty
     */
    public static DataNode parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("data node \"" + text + "\" is not of the form "
                    + "datasource.table; write e.g. ds0.t_order_0");
        }
        return new DataNode(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return dataSource + "." + table;
    }
}
