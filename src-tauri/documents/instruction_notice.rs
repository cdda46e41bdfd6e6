//! The notice to a customer that one of its instructions may break privacy law, so that
//! processing under it is suspended until it is clear (art. 2.4), in its language.

use super::layout::Item;
use super::letter::Letter;
use super::words::Words;
use crate::domain::customer::Language;
use crate::domain::document::DocumentKind;
use crate::domain::instruction::InstructionDoubtFacts;
use crate::domain::instruction::{self, InstructionChannel};
use crate::domain::letter::LetterHead;
use crate::domain::time::display_local;

/// What the notice says after its head.
fn body(facts: &InstructionDoubtFacts) -> Vec<Item> {
    let w = Words(facts.head.language);
    let i = &facts.instruction;
    let received = display_local(i.received_at);
    let channel = match i.channel {
        InstructionChannel::Email => w.t("e-mail", "e-mail"),
        InstructionChannel::Phone => w.t("telefoon", "phone"),
        InstructionChannel::Post => w.t("post", "post"),
        InstructionChannel::Other => w.t("anders", "other"),
    };
    let mut items = vec![
        Item::Paragraph(match facts.head.language {
            Language::Nl => format!(
                "Op {received} ontvingen wij van {} de hieronder samengevatte instructie. Wij \
                 twijfelen of deze instructie in overeenstemming is met de privacywetgeving. \
                 Volgens artikel 2.4 van de verwerkersovereenkomst melden wij u dat direct en \
                 schorten wij de verwerking volgens deze instructie op totdat er duidelijkheid is.",
                facts.from
            ),
            Language::En => format!(
                "On {received} we received from {} the instruction summarised below. We doubt \
                 whether this instruction complies with data protection law. Under article 2.4 \
                 of the data processing agreement we tell you so at once and suspend processing \
                 under this instruction until it is clear.",
                facts.from
            ),
        }),
        Item::KeyValues(vec![
            (w.t("Ontvangen op", "Received on").into(), received.clone()),
            (w.t("Van", "From").into(), facts.from.clone()),
            (w.t("Via", "Channel").into(), channel.into()),
            (w.t("Instructie", "Instruction").into(), i.summary.clone()),
            (
                w.t("Kenmerk", "Reference").into(),
                if i.attachment_reference.is_empty() {
                    w.unknown()
                } else {
                    i.attachment_reference.clone()
                },
            ),
        ]),
        Item::Heading(w.t("Waarom wij twijfelen", "Why we doubt it").into()),
        Item::Paragraph(i.doubt_reason.clone()),
    ];
    if !facts.from_designated {
        items.push(Item::Note(
            w.t(
                "Deze instructie kwam niet van een contactpersoon die u heeft aangewezen om instructies te geven.",
                "This instruction did not come from a contact you designated to give instructions.",
            )
            .into(),
        ));
    }
    if i.channel != InstructionChannel::Email {
        items.push(Item::Note(
            w.t(
                "Volgens de verwerkersovereenkomst worden instructies per e-mail gegeven.",
                "Under the data processing agreement instructions are given by e-mail.",
            )
            .into(),
        ));
    }
    items.push(Item::Heading(
        w.t("Wat wij van u vragen", "What we ask of you").into(),
    ));
    items.push(Item::Paragraph(
        w.t(
            "Wilt u de instructie bevestigen, aanpassen of intrekken, zo mogelijk met een \
             toelichting? Tot die tijd voeren wij deze instructie niet uit; de overige \
             dienstverlening loopt door.",
            "Please confirm, change or withdraw the instruction, with an explanation where \
             possible. Until then we do not carry it out; the rest of the service continues.",
        )
        .into(),
    ));
    items
}

impl Letter for InstructionDoubtFacts {
    fn head(&self) -> &LetterHead {
        &self.head
    }

    fn kind(&self) -> DocumentKind {
        instruction::DOUBT_NOTICE
    }

    fn title(&self) -> String {
        Words(self.head.language)
            .t("Twijfel over uw instructie", "Doubt about your instruction")
            .into()
    }

    fn identity(&self) -> String {
        self.title()
    }

    fn body(&self) -> Vec<Item> {
        body(self)
    }
}
