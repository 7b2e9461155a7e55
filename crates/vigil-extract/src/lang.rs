//! Language detection, reported as a BCP 47 tag: Kazakh by its letters,
//! every other language by whatlang (trigram statistics). Only the first
//! few hundred characters are read: enough to tell, and it keeps ingest
//! fast.
//!
//! whatlang has no Kazakh, and reads Kazakh in Cyrillic as Russian or
//! whatever it resembles. Kazakh is told by a rule rather than a model
//! (the `lingua` crate has one): its Cyrillic alphabet has nine letters
//! Russian lacks (ә ғ қ ң ө ұ ү һ і), and they are frequent in any Kazakh
//! sentence (about one letter in twelve) while a Russian text has them
//! only in the odd Kazakh name. Counting them costs one pass over the
//! sample, where a model would add megabytes of statistics to load and
//! more time per document than extraction's budget allows. The letters
//! Kazakh shares with its Cyrillic neighbours are told apart by the
//! neighbours' own letters (Uzbek ў ҳ, Tajik ҷ ӣ ӯ, Tatar җ, Bashkir ҡ ҙ
//! ҫ, Kyrgyz having none of ә ғ қ ұ һ) and by ұ and ә, which Ukrainian and
//! Belarusian lack. Kazakh in the Latin alphabet is not told apart.

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

/// Of Cyrillic letters, how many in a thousand must be Kazakh's own for a
/// text to be Kazakh: Kazakh news has 80 to 140, a Russian text naming
/// Тоқаев and Қазақбай in one sentence about 25.
const KAZAKH_PER_MILLE: usize = 50;

/// Is the sample Kazakh in Cyrillic (see the module documentation)?
fn kazakh(sample: &str) -> bool {
    let (mut cyrillic, mut own, mut distinctive) = (0usize, 0usize, 0usize);
    for c in sample.chars() {
        let c = c.to_lowercase().next().unwrap_or(c);
        match c {
            // Letters of the neighbours' alphabets, not Kazakh's.
            'ў' | 'ҳ' | 'ҷ' | 'ӣ' | 'ӯ' | 'җ' | 'ҡ' | 'ҙ' | 'ҫ' | 'ї' | 'є' | 'ґ' => return false,
            'ә' | 'ұ' | 'ғ' | 'қ' => {
                cyrillic += 1;
                own += 1;
                distinctive += 1;
            }
            'ң' | 'ө' | 'ү' | 'һ' | 'і' => {
                cyrillic += 1;
                own += 1;
            }
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            _ => {}
        }
    }
    cyrillic > 0 && distinctive >= 2 && own * 1000 >= cyrillic * KAZAKH_PER_MILLE
}

/// The text's language, when the detector is confident.
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if kazakh(&text[..end]) {
        return Some("kk".to_owned());
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

    #[test]
    fn tells_kazakh_from_russian() {
        // Real Kazakh news text (bugin.kz; vlast.kz's Kazakh edition), whose
        // Russian-looking sentences whatlang alone reads as Russian or not at all.
        for text in [
            "Астанада экс-министр Арыстанбек Мұхамедиұлына қатысты сот процесі басталды. Істі Байқоңыр ауданы \
             сотының қылмыстық істер жөніндегі судьясы Бағлан Ыдырысов қарайды. Сотқа Арыстанбек Мұхамедиұлы \
             онлайн форматта қатысып отыр.",
            "24 қарашада Нұр-Сұлтандағы әкімшілік істер жөніндегі сот алқасы азаматтық белсенді Айбек \
             Сәбитовтың Бас прокуратураға қатысты түсірген жеке шағымын кері қайтарып, алғашқы сот шешімін \
             өзгеріссіз қалдырды.",
            "Түркістан мен Кентау қалаларының бұрынғы әкімі Рашид Аюпов 10 жылға сотталды. Астана соты осындай үкім шығарды.",
        ] {
            assert_eq!(detect(text).as_deref(), Some("kk"), "{text}");
        }
        // Russian naming Kazakh people and places in their Kazakh spelling
        // stays Russian.
        assert_eq!(
            detect("Президент Касым-Жомарт Тоқаев подписал указ. Лидер профсоюза Жанат Қазақбай был задержан в Алматы, суд приговорил его к четырём годам ограничения свободы.").as_deref(),
            Some("ru")
        );
        // Ukrainian (і, ї, є) and Uzbek Cyrillic (ў, қ, ғ, ҳ) are not Kazakh.
        assert_ne!(
            detect("Суд у Києві виніс вирок активісту профспілки, його засудили до трьох років позбавлення волі.")
                .as_deref(),
            Some("kk")
        );
        assert_ne!(
            detect("Ўзбекистон Республикаси суди фаолни қамоққа олди, ҳуқуқ ҳимоячилари ғазабланди.").as_deref(),
            Some("kk")
        );
    }
}
