package org.rowmq.ra.compete;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The bean both servers of {@link CompetingServersIT} run on one queue in one PostgreSQL store: it records each
 * message with the server that consumed it, in the delivery's transaction (the datasource-transaction definition), so
 * a row exists exactly when the message was consumed.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/rowmq-ds"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.compete"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class CompetingMdb implements MessageListener {
    @Resource(lookup = "java:/jdbc/AppDS")
    DataSource app;

    @Override
    public void onMessage(Message m) {
        try (Connection c = app.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO it_competed (body, server) VALUES (?, ?)")) {
            p.setString(1, m.getBody(String.class));
            p.setString(2, System.getProperty("jboss.socket.binding.port-offset", "0"));
            p.executeUpdate();
            // A little work per message, so that neither server drains the queue before the other has started.
            Thread.sleep(20);
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
