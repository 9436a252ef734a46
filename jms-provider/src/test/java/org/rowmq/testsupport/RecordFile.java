package org.rowmq.testsupport;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child JVM's record of what it did (received, committed, sent, acknowledged), one line per event, each written with
 * a single unbuffered write: when the JVM is killed with SIGKILL, every line written before is in the operating
 * system's cache and survives it.
 */
public final class RecordFile implements AutoCloseable {
    private final FileOutputStream out;

    public RecordFile(Path file) {
        try {
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void line(String text) {
        try {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
