package io.atelier.core.prompt;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The base of the repositories of team-owned prompt material (presets, templates): the
 * team-scoped reads and the delete, every statement filtered by {@code team_id}, so one team never
 * sees or deletes another's rows. Inserts and updates stay with each subclass (their columns differ).
 *
 * @param <T> what a row maps to
 */
public abstract class TeamOwnedRows<T> {

    protected final JdbcClient jdbc;
    private final String table;
    private final String columns;
    private final String keyColumn;
    private final String order;
    private final RowMapper<T> mapper;

    /**
     * @param table     the table, e.g. {@code prompt_presets}
     * @param columns   the columns {@code mapper} reads, comma-separated
     * @param keyColumn the column that names a row within its team ({@code id}, {@code name})
     * @param order     the {@code ORDER BY} of {@link #list}
     */
    protected TeamOwnedRows(JdbcClient jdbc, String table, String columns, String keyColumn, String order, RowMapper<T> mapper) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.keyColumn = keyColumn;
        this.order = order;
        this.mapper = mapper;
    }

    public List<T> list(String teamId) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE team_id = ? ORDER BY " + order)
                .param(teamId).query(mapper).list();
    }

    public Optional<T> find(String teamId, String key) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE team_id = ? AND " + keyColumn + " = ?")
                .params(teamId, key).query(mapper).optional();
    }

    public long count(String teamId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE team_id = ?").param(teamId).query(Long.class).single();
    }

    /** Whether the row was there (and is now gone). */
    public boolean delete(String teamId, String key) {
        return jdbc.sql("DELETE FROM " + table + " WHERE team_id = ? AND " + keyColumn + " = ?").params(teamId, key).update() == 1;
    }
}
