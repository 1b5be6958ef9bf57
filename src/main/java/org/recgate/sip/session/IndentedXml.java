package org.recgate.sip.session;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A StAX writer that indents: one element a line, two spaces a level. Elements are in the
 * document's namespace ({@code namespace}, or none when it is null, as MSML has none); foreign
 * elements carry a prefix of their own. Shared by the SIPREC metadata and the MSML bodies.
 */
public final class IndentedXml {

    private final XMLStreamWriter writer;
    private final String namespace;
    private int depth;

    /** @param namespace the namespace of the document's own elements, or null for none */
    public IndentedXml(XMLStreamWriter writer, String namespace) {
        this.writer = writer;
        this.namespace = namespace;
    }

    /** The XML declaration and the root element (its namespace declared as the default one). */
    public IndentedXml start(String root) throws XMLStreamException {
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeCharacters("\n");
        if (namespace != null) {
            writer.setDefaultNamespace(namespace);
            writer.writeStartElement(namespace, root);
            writer.writeDefaultNamespace(namespace);
        } else {
            writer.writeStartElement(root);
        }
        depth = 1;
        return this;
    }

    public IndentedXml open(String name) throws XMLStreamException {
        indent();
        startElement(name);
        depth++;
        return this;
    }

    public IndentedXml empty(String name) throws XMLStreamException {
        indent();
        if (namespace != null) {
            writer.writeEmptyElement(namespace, name);
        } else {
            writer.writeEmptyElement(name);
        }
        return this;
    }

    public IndentedXml openForeign(String prefix, String name, String foreignNamespace) throws XMLStreamException {
        indent();
        boolean declare = !foreignNamespace.equals(writer.getNamespaceContext().getNamespaceURI(prefix));
        writer.writeStartElement(prefix, name, foreignNamespace);
        if (declare) {
            writer.writeNamespace(prefix, foreignNamespace);
        }
        depth++;
        return this;
    }

    public IndentedXml attribute(String name, String value) throws XMLStreamException {
        writer.writeAttribute(name, value);
        return this;
    }

    public void text(String text) throws XMLStreamException {
        writer.writeCharacters(text);
    }

    public void leaf(String name, String text) throws XMLStreamException {
        indent();
        startElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }

    public void foreignLeaf(String prefix, String name, String foreignNamespace, String text) throws XMLStreamException {
        indent();
        writer.writeStartElement(prefix, name, foreignNamespace);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }

    public void close() throws XMLStreamException {
        depth--;
        indent();
        writer.writeEndElement();
    }

    /** Ends an element that holds text only, on the same line. */
    public void closeInline() throws XMLStreamException {
        depth--;
        writer.writeEndElement();
    }

    /** Ends the root element and the document. */
    public void end() throws XMLStreamException {
        depth = 0;
        indent();
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.flush();
    }

    private void startElement(String name) throws XMLStreamException {
        if (namespace != null) {
            writer.writeStartElement(namespace, name);
        } else {
            writer.writeStartElement(name);
        }
    }

    private void indent() throws XMLStreamException {
        writer.writeCharacters("\n" + "  ".repeat(depth));
    }
}
