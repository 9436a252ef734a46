package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

import java.util.concurrent.TimeUnit;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.parallel"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ParallelMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        // The first four deliveries meet here: only four sessions delivering at once get past it early.
        InboundIT.PARALLEL.countDown();
        try {
            InboundIT.PARALLEL.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Inbox.add("parallel", m, true);
    }
}
