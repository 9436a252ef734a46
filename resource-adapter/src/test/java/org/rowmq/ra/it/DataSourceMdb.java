package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test bean of {@link DataSourceTransactionIT}: activated through the datasource-mode connection definition, it
 * writes a row per message in AppDS; a body starting with "fail" rolls its first delivery back after writing the row.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/rowmq-ds"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.dsmode.mdb")})
public class DataSourceMdb implements MessageListener {
    /** The participants of each delivery's transaction, by body and delivery count. */
    static final Map<String, List<String>> PARTICIPANTS = new ConcurrentHashMap<>();

    @Resource(lookup = "java:/jdbc/AppDS")
    DataSource app;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message m) {
        try {
            String body = m.getBody(String.class);
            Orders.insert(app, body);
            PARTICIPANTS.put(body + "#" + m.getIntProperty("JMSXDeliveryCount"), Participants.current());
            Inbox.add("dsmode", m, true);
            if (body.startsWith("fail") && !m.getJMSRedelivered()) context.setRollbackOnly();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
