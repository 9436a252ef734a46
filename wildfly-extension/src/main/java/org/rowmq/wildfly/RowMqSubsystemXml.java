package org.rowmq.wildfly;

import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.operations.common.Util;
import org.jboss.as.controller.persistence.SubsystemMarshallingContext;
import org.jboss.dmr.ModelNode;
import org.jboss.staxmapper.XMLElementReader;
import org.jboss.staxmapper.XMLElementWriter;
import org.jboss.staxmapper.XMLExtendedStreamReader;
import org.jboss.staxmapper.XMLExtendedStreamWriter;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.util.List;

/** The subsystem's element in the server configuration: {@code <subsystem xmlns="urn:rowmq:wildfly:1.0"/>}, empty. */
final class RowMqSubsystemXml implements XMLElementReader<List<ModelNode>>, XMLElementWriter<SubsystemMarshallingContext> {

    @Override
    public void readElement(XMLExtendedStreamReader reader, List<ModelNode> operations) throws XMLStreamException {
        if (reader.getAttributeCount() > 0)
            throw new XMLStreamException("The rowmq subsystem has no attributes", reader.getLocation());
        if (reader.nextTag() != XMLStreamConstants.END_ELEMENT)
            throw new XMLStreamException("The rowmq subsystem has no child elements", reader.getLocation());
        operations.add(Util.createAddOperation(PathAddress.pathAddress(
                PathElement.pathElement("subsystem", RowMqExtension.SUBSYSTEM_NAME))));
    }

    @Override
    public void writeContent(XMLExtendedStreamWriter writer, SubsystemMarshallingContext context) throws XMLStreamException {
        context.startSubsystemElement(RowMqExtension.NAMESPACE, true); // an empty element: nothing to end
    }
}
