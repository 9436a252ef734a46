package org.rowmq.ra;

import jakarta.jms.Topic;

/** The topic admin object: a JavaBean whose {@code name} is the physical topic name. */
public class RowTopicAdmin extends AdminDestination implements Topic {
    private static final long serialVersionUID = 1L;

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public String toString() {
        return "topic://" + getName();
    }
}
