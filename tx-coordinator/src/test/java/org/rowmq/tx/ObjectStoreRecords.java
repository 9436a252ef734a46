package org.rowmq.tx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Counts the records Narayana keeps in its file object store, for crash tests that wait for recovery to finish. */
public final class ObjectStoreRecords {

    private ObjectStoreRecords() {
    }

    /**
     * Log records of top-level transactions that are not finished yet. The running recovery manager deletes records
     * while the walk goes on: a record or folder deleted under the walk makes it start again.
     */
    public static long unfinishedTransactions(Path objectStore) throws IOException {
        while (true) {
            if (!Files.isDirectory(objectStore)) return 0;
            try (Stream<Path> files = Files.walk(objectStore)) {
                return files.filter(Files::isRegularFile)
                        .filter(file -> List.of(file.getParent().toString().split("[/\\\\]")).contains("AtomicAction"))
                        .count();
            } catch (NoSuchFileException e) {
                // the walk reached a folder recovery had just deleted
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) throw e;
            }
        }
    }
}
