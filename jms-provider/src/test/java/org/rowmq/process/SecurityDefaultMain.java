package org.rowmq.process;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ParentLink;

/**
 * A child JVM that opens connections through two factories without any security set in code, and prints "OPENED" or
 * "REFUSED" for each attempt without credentials; what it logs shows whether security was on. Args: two JDBC URLs.
 */
public final class SecurityDefaultMain {
    private SecurityDefaultMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String url : args) {
            try (RowConnectionFactory factory = new RowConnectionFactory(url)) {
                for (int i = 0; i < 3; i++) {
                    try {
                        factory.createConnection().close();
                        try (JMSContext ignored = factory.createContext()) {
                            ParentLink.say("OPENED");
                        }
                    } catch (JMSSecurityException e) {
                        ParentLink.say("REFUSED");
                    }
                }
            }
        }
    }
}
