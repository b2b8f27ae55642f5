package io.chanflow.examples.webflux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Server-Sent Events reader over a response body: the {@code id} and {@code data} fields of each event.
 * Reads only as far as asked, so a test controls how fast the client consumes; closing it closes the body, which
 * makes the JDK client drop the connection.
 */
final class SseStream implements AutoCloseable {
    /** One event: its {@code id:} field and its {@code data:} lines joined by newlines. */
    record Event(String id, String data) {
    }

    private final BufferedReader reader;

    SseStream(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event, or {@code null} once the stream has ended. */
    Event next() throws IOException {
        String id = null;
        StringBuilder data = null;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, data.toString());
                }
                continue; // a blank line with no data dispatches nothing
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // comments, event, retry: not used by this server
            }
        }
        return null;
    }

    /** The next {@code n} events; fails if the stream ends before. */
    List<Event> next(int n) throws IOException {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Event e = next();
            if (e == null) {
                throw new IOException("stream ended after " + i + " of " + n + " events");
            }
            events.add(e);
        }
        return events;
    }

    /** Every event until the stream ends. */
    List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e; (e = next()) != null; ) {
            events.add(e);
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
