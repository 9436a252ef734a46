package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The deployment descriptor forms of the Jakarta Messaging definitions, {@code <jms-connection-factory>} and
 * {@code <jms-destination>} (Jakarta EE 10, EE.5.18), which the rowmq subsystem binds like the annotations: in
 * web.xml (with one overriding an annotation of the same name: the descriptor wins), in ejb-jar.xml for a bean
 * declared there (an EJB jar with no annotation at all), and in an EAR's application.xml for its modules.
 */
@ExtendWith(ArquillianExtension.class)
public class DescriptorDefinitionsIT {
    static final String EJB_REQUESTS = "it.xml.ejb.requests";
    static final String APP_REQUESTS = "it.xml.app.requests";
    private static final String DESCRIPTORS = "descriptor-definitions/";

    /** An EJB jar deployed alone whose bean and definitions are all in ejb-jar.xml. */
    @Deployment(name = "ejbjar", order = 1, testable = false)
    static JavaArchive ejbJar() {
        return ShrinkWrap.create(JavaArchive.class, "xmldefs.jar").addClass(XmlRelayMdb.class)
                .addAsManifestResource(DESCRIPTORS + "ejb-jar.xml", "ejb-jar.xml");
    }

    /** An EAR whose application.xml defines what its EJB module's bean uses. */
    @Deployment(name = "ear", order = 2, testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.create(EnterpriseArchive.class, "xmlapp.ear")
                .addAsModule(ShrinkWrap.create(JavaArchive.class, "xmlapp-ejb.jar").addClass(XmlAppMdb.class))
                .setApplicationXML(DESCRIPTORS + "application.xml");
    }

    @Deployment(name = "war", order = 3)
    static WebArchive war() {
        return Archives.war("xmlweb", OverriddenDefinitions.class).setWebXML(DESCRIPTORS + "web.xml");
    }

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory defaultFactory;

    @Resource(lookup = "java:app/jms/xmlFactory")
    ConnectionFactory xmlFactory;

    @Resource(lookup = "java:module/jms/xmlQueue")
    Queue xmlQueue;

    @Resource(lookup = "java:global/jms/xmlTopic")
    Topic xmlTopic;

    @Resource(lookup = "java:app/jms/overridden")
    Queue overridden;

    @Resource(lookup = "java:app/jms/annotated")
    Queue annotated;

    private String receive(String queue, long timeoutMillis) {
        try (JMSContext ctx = defaultFactory.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, timeoutMillis);
        }
    }

    private String request(String queue, String repliesQueue, String body) {
        try (JMSContext ctx = defaultFactory.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), body);
        }
        return receive(repliesQueue, 60_000);
    }

    @Test
    @OperateOnDeployment("war")
    public void webXmlDefinitionsAreBoundInEachNamespace() {
        assertEquals("queue://it.xml.web", xmlQueue.toString());
        assertEquals("topic://xmlTopic", xmlTopic.toString(), "no destination-name: the last part of the name");
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = xmlFactory.createContext()) {
            ctx.createProducer().send(xmlQueue, id);
        }
        assertEquals(id, receive("it.xml.web", 2000));
    }

    @Test
    @OperateOnDeployment("war")
    public void theDescriptorOverridesAnAnnotationOfTheSameName() {
        assertEquals("queue://it.xml.annotation", annotated.toString());
        assertEquals("queue://it.xml.descriptor", overridden.toString());
    }

    @Test
    @OperateOnDeployment("war")
    public void ejbJarXmlDefinitionsServeTheBeanTheyAreDeclaredWith() {
        String id = UUID.randomUUID().toString();
        assertEquals(id + " relayed by ejb-jar.xml", request(EJB_REQUESTS, "it.xml.ejb.replies", id));
    }

    @Test
    @OperateOnDeployment("war")
    public void applicationXmlDefinitionsServeTheApplicationsModules() {
        String id = UUID.randomUUID().toString();
        assertEquals(id + " relayed by application.xml", request(APP_REQUESTS, "it.xml.app.replies", id));
    }
}
