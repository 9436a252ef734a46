package org.rowmq.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL's generic plan of a statement, as RowMQ's pool runs it (plan_cache_mode = force_generic_plan). */
final class GenericPlans {

    private GenericPlans() {
    }

    /** The generic plan of {@code sql} (its ? turned into $n, so it holds no literal '?'), executed with the given SQL literals. */
    static String explain(Connection c, String sql, String literals) throws Exception {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') numbered.append('$').append(++n);
            else numbered.append(ch);
        }
        List<String> plan = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE rowmq_explained AS " + numbered);
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE rowmq_explained(" + literals + ")")) {
                while (rs.next()) plan.add(rs.getString(1));
            } finally {
                s.execute("DEALLOCATE rowmq_explained");
                s.execute("RESET plan_cache_mode");
            }
        }
        return String.join("\n", plan);
    }
}
