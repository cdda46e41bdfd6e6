//! What a reference in the text of an XML file stands for (`&amp;`, `&#233;`), for the
//! readers of Word files and of the PDF layout.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::BytesRef;

/// The text a reference stands for: one of XML's five entities or a character reference;
/// an entity the file declares itself is kept as written (`&naam;`). `None` when the
/// reference is not text at all.
pub fn resolve_reference(reference: &BytesRef) -> Option<String> {
    let name = reference.decode().ok()?;
    if let Some(text) = resolve_predefined_entity(&name) {
        return Some(text.to_string());
    }
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        _ => Some(format!("&{name};")),
    }
}

#[cfg(test)]
mod tests {
    use quick_xml::events::Event;
    use quick_xml::Reader;

    use super::*;

    /// The text of `<t>…</t>` with every reference resolved.
    fn text_of(xml: &str) -> String {
        let mut reader = Reader::from_str(xml);
        let mut text = String::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Text(t) => text.push_str(&t.decode().unwrap()),
                Event::GeneralRef(r) => text.push_str(&resolve_reference(&r).unwrap()),
                Event::Eof => return text,
                _ => {}
            }
        }
    }

    #[test]
    fn entities_and_character_references_become_their_text() {
        assert_eq!(
            text_of("<t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; caf&#233; &#x20AC;5</t>"),
            "a & b <c> \"d\" 'e' café €5"
        );
        assert_eq!(
            text_of("<t>&naam;</t>"),
            "&naam;",
            "a declared entity stays as written"
        );
    }
}
