package org.rowmq.admin;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.rowmq.message.RowBytesMessage;
import org.rowmq.message.RowMapMessage;
import org.rowmq.message.RowMessage;
import org.rowmq.message.RowObjectMessage;
import org.rowmq.message.RowStreamMessage;
import org.rowmq.message.RowTextMessage;
import org.rowmq.store.StoreAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "browse", description = "Show a destination's messages in any state (ready, scheduled, in flight,"
        + " held in a prepared XA branch), in id order: headers, properties, a preview of the body, delivery count;"
        + " all of them, those a selector matches, or the ones named with --id. Reads only; claims nothing.")
final class BrowseCommand implements Callable<Integer> {

    @ParentCommand
    RowMQ rowmq;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESTINATION", description = "a queue, a dead-letter queue or a subscription's queue (rowmq.sub.ID)")
    String destination;

    @Option(names = {"-s", "--selector"}, description = "only messages this JMS message selector matches")
    String selector;

    @Option(names = {"-n", "--max"}, defaultValue = "20", description = "at most this many messages (default ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--after", defaultValue = "0", description = "start after this message id (paging)")
    long after;

    @Option(names = "--id", split = ",", description = "only these messages, by the id browse shows (comma-separated or"
            + " repeated); exits 3 when one is not in the destination")
    List<Long> ids;

    @Option(names = "--preview", defaultValue = "80", description = "characters of a text body to show (default ${DEFAULT-VALUE})")
    int preview;

    @Override
    public Integer call() throws Exception {
        if (max < 1) throw new BadInput("--max must be at least 1, was " + max);
        if (preview < 0) throw new BadInput("--preview must be 0 or more characters, was " + preview);
        if (ids != null && (selector != null || after != 0))
            throw new BadInput("--id shows the messages it names; it cannot be combined with --selector or --after");
        var filter = Selection.of(selector);
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        List<StoreAdmin.MessageRow> list = rowmq.withAdmin(a -> ids == null ? a.browse(destination, after, max, filter) : named(a));
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoreAdmin.MessageRow m : list) {
            Map<String, Object> r = Output.row();
            r.put("id", m.message().id());
            r.put("state", m.state());
            r.put("deliveryCount", m.message().deliveryCount());
            r.put("priority", m.message().priority());
            RowMessage decoded;
            try {
                decoded = Selection.decode(m.message());
            } catch (Selection.UndecodableMessage e) {
                r.put("error", e.getMessage());
                rows.add(r);
                continue;
            }
            r.put("messageId", decoded.getJMSMessageID());
            r.put("type", type(decoded));
            if (o.json()) {
                r.put("timestamp", decoded.getJMSTimestamp());
                r.put("correlationId", decoded.getJMSCorrelationID());
                r.put("jmsType", decoded.getJMSType());
                r.put("expiresAt", m.message().expiresAt());
                r.put("originalDestination", m.message().originalDestination());
                r.put("deadLetterReason", m.message().deadLetterReason());
                r.put("owner", m.ownerNode());
                r.put("properties", properties(decoded));
            } else {
                r.put("age", Output.age(Math.max(0, now - decoded.getJMSTimestamp())));
                r.put("properties", properties(decoded));
            }
            r.put("body", body(decoded));
            rows.add(r);
        }
        o.rows(rows, "No messages" + (selector == null ? "" : " match") + " in '" + destination + "'.");
        return ExitCodes.OK;
    }

    /** The messages --id names, in the order given; NotFound naming every id that is not in the destination. */
    private List<StoreAdmin.MessageRow> named(StoreAdmin admin) throws JMSException, NotFound {
        List<StoreAdmin.MessageRow> found = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        for (long id : ids) {
            var row = admin.message(destination, id);
            if (row.isPresent()) found.add(row.get());
            else missing.add(id);
        }
        if (!missing.isEmpty())
            throw new NotFound("no message with id " + missing + " in '" + destination + "' (consumed, or in another destination)");
        return found;
    }

    private static Map<String, Object> properties(Message m) throws JMSException {
        Map<String, Object> p = new TreeMap<>();
        for (Object name : Collections.list(m.getPropertyNames())) p.put((String) name, m.getObjectProperty((String) name));
        return p;
    }

    private static String type(RowMessage m) {
        if (m instanceof RowTextMessage) return "text";
        if (m instanceof RowBytesMessage) return "bytes";
        if (m instanceof RowMapMessage) return "map";
        if (m instanceof RowStreamMessage) return "stream";
        if (m instanceof RowObjectMessage) return "object";
        return "message";
    }

    /** The start of a text body; for the other kinds, what they hold, without deserializing objects. */
    private String body(RowMessage m) throws JMSException {
        if (m instanceof RowTextMessage t) {
            String text = t.getText();
            if (text == null) return null;
            return text.length() <= preview ? text : text.substring(0, preview) + "…";
        }
        if (m instanceof RowBytesMessage b) return b.getBodyLength() + " bytes";
        if (m instanceof RowMapMessage map) return "map of " + Collections.list(map.getMapNames()).size() + " entries";
        if (m instanceof RowStreamMessage) return "stream";
        if (m instanceof RowObjectMessage) return "serialized object (not deserialized)";
        return null;
    }
}
