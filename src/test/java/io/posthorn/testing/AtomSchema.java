package io.posthorn.testing;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** Validates documents against RFC 4287 Appendix B (RELAX NG compact) with jing. */
public final class AtomSchema {
    private AtomSchema() {
    }

    /** The schema errors of {@code xml}; empty when it is valid Atom 1.0. */
    public static List<String> errors(byte[] xml) {
        List<String> errors = new ArrayList<>();
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, handler);
        ValidationDriver driver = new ValidationDriver(props.toPropertyMap(), CompactSchemaReader.getInstance());
        try {
            String schema = AtomSchema.class.getResource("/schema/atom.rnc").toExternalForm();
            if (!driver.loadSchema(new InputSource(schema))) {
                throw new IllegalStateException("atom.rnc did not load: " + errors);
            }
            driver.validate(new InputSource(new ByteArrayInputStream(xml)));
        } catch (java.io.IOException | org.xml.sax.SAXException e) {
            errors.add("not well-formed: " + e.getMessage());
        }
        return errors;
    }
}
