//! Language detection (whatlang, trigram statistics), reported as a BCP 47
//! tag. Only the first few hundred characters are read: enough to tell,
//! and it keeps ingest fast.

use whatlang::Lang;

/// How many bytes of a text are read to tell its language: some hundred
/// words, plenty for trigram statistics, and detection was a tenth of
/// extraction's time at twice this.
const SAMPLE: usize = 600;

fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Swe => "sv",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Fin => "fi",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Tur => "tr",
        Lang::Uzb => "uz",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Ell => "el",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Bul => "bg",
        Lang::Srp => "sr",
        Lang::Hrv => "hr",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Aze => "az",
        Lang::Pes => "fa",
        other => other.code(),
    }
}

/// The text's language, when the detector is confident.
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    (info.is_reliable() || info.confidence() >= 0.5).then(|| tag(info.lang()).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_russian() {
        assert_eq!(
            detect("Kazakhstan continues to be a place where the government harasses, detains, and imprisons those who voice dissenting opinions.").as_deref(),
            Some("en")
        );
        assert_eq!(
            detect("Лидер профсоюза Ерлан Балтабай был приговорён к пяти месяцам и восьми дням лишения свободы за неуплату штрафа.").as_deref(),
            Some("ru")
        );
    }
}
