package org.rowmq.client;

import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What the provider is and which JMSX properties it sets or honours. */
final class RowConnectionMetaData implements ConnectionMetaData {
    static final RowConnectionMetaData INSTANCE = new RowConnectionMetaData();
    private static final List<String> JMSX = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");

    @Override public String getJMSVersion() { return "3.1"; }
    @Override public int getJMSMajorVersion() { return 3; }
    @Override public int getJMSMinorVersion() { return 1; }
    @Override public String getJMSProviderName() { return "RowMQ"; }
    @Override public String getProviderVersion() { return "0.1.0"; }
    @Override public int getProviderMajorVersion() { return 0; }
    @Override public int getProviderMinorVersion() { return 1; }
    @Override public Enumeration<String> getJMSXPropertyNames() { return Collections.enumeration(JMSX); }
}
