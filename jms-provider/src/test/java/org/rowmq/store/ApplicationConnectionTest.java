package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

/** Sends and acknowledgements on a connection the application holds and commits itself. */
class ApplicationConnectionTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void writesFollowTheApplicationsCommitOrRollback(TestDatabase db) throws Exception {
        String in = TestDatabase.unique("app-in");
        String out = TestDatabase.unique("app-out");
        try (OpenStore store = OpenStore.open(db.config()); Connection app = db.connect()) {
            store.send(List.of(message(in, "request-1"), message(in, "request-2"))).get(30, TimeUnit.SECONDS);
            app.setAutoCommit(false);

            List<StoredMessage> first = store.claim(in, 1, null);
            store.write(app, List.of(message(out, "rolled back")), Messages.ids(first));
            app.rollback();
            assertTrue(store.claim(out, 1, null).isEmpty(), "nothing after a rollback");
            assertEquals(2, store.depth(in), "the acknowledgement was rolled back too");

            List<StoredMessage> second = store.claim(in, 1, null);
            store.write(app, List.of(message(out, "committed")), Messages.ids(second));
            assertTrue(store.claim(out, 1, null).isEmpty(), "invisible before the application commits");
            app.commit();
            assertEquals(List.of("committed"), bodies(store.claim(out, 1, null)));
            assertEquals(1, store.depth(in));
            assertTrue(!app.isClosed(), "the store never closes the application's connection");
        }
    }
}
