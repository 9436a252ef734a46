package org.rowmq.jndi;

import javax.naming.CompoundName;
import javax.naming.Name;
import javax.naming.NameParser;
import javax.naming.NamingException;
import java.util.Properties;

/** Names are read left to right with "/" between components ("dynamicQueues/orders", "jms/orders"). */
final class SlashNameParser implements NameParser {
    static final SlashNameParser INSTANCE = new SlashNameParser();

    private static final Properties SYNTAX = new Properties();

    static {
        SYNTAX.put("jndi.syntax.direction", "left_to_right");
        SYNTAX.put("jndi.syntax.separator", "/");
        SYNTAX.put("jndi.syntax.escape", "\\");
        SYNTAX.put("jndi.syntax.beginquote", "\"");
        SYNTAX.put("jndi.syntax.beginquote2", "'");
    }

    private SlashNameParser() {
    }

    @Override
    public Name parse(String name) throws NamingException {
        return new CompoundName(name, SYNTAX);
    }
}
