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

@Command(name = "browse", description = "Show a destination's messages in any state (by id): headers, properties,"
        + " a preview of the body, delivery count. Reads only; claims nothing.")
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

    @Option(names = "--preview", defaultValue = "80", description = "characters of a text body to show (default ${DEFAULT-VALUE})")
    int preview;

    @Override
    public Integer call() throws Exception {
        if (max < 1) throw new BadInput("--max must be at least 1, was " + max);
        var filter = Selection.of(selector);
        Output o = new Output(spec.commandLine().getOut(), rowmq.json);
        List<StoreAdmin.MessageRow> list = rowmq.withAdmin(a -> a.browse(destination, after, max, filter));
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
