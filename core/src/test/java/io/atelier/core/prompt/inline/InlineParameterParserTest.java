package io.atelier.core.prompt.inline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.provider.AspectRatio;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InlineParameterParserTest {

    @Test
    void textWithoutFlagsIsThePrompt() {
        InlineParameters p = InlineParameterParser.parse("  a fox in snow  ");
        assertThat(p.prompt()).isEqualTo("a fox in snow");
        assertThat(p.flags()).isEmpty();
        assertThat(p.aspectRatio()).isNull();
        assertThat(p.raw()).isFalse();
    }

    @Test
    void everyFlagAtOnce() {
        InlineParameters p = InlineParameterParser.parse(
                "a cat on a roof --ar 16:9 --no people, cars , --seed 42 --n 3 --model local/preview --style Photorealistic --raw --public");
        assertThat(p.prompt()).isEqualTo("a cat on a roof");
        assertThat(p.aspectRatio()).isEqualTo(AspectRatio.parse("16:9").orElseThrow());
        assertThat(p.negativePrompt()).isEqualTo("people, cars");
        assertThat(p.seed()).isEqualTo(42L);
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.model()).isEqualTo("local/preview");
        assertThat(p.template()).isEqualTo("photorealistic");
        assertThat(p.raw()).isTrue();
        assertThat(p.publicRequested()).isTrue();
        assertThat(p.flags()).containsExactly("--ar", "--no", "--seed", "--n", "--model", "--style", "--raw", "--public");
    }

    /** One row per flag: the text, then what the parser must have read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a fox --ar 21:9              | ar=21:9
            a fox --aspect 9:19.5        | ar=9:19.5
            a fox --AR 4:3               | ar=4:3
            a fox —ar 3:2                | ar=3:2
            a fox --no text              | no=text
            a fox --no blur, watermark,  | no=blur, watermark
            a fox --seed 0               | seed=0
            a fox --seed 9007199254740991 | seed=9007199254740991
            a fox --n 1                  | n=1
            a fox --n 10                 | n=10
            a fox --model openai/dall-e-3 | model=openai/dall-e-3
            a fox --style comic          | style=comic
            a fox --raw                  | raw
            a fox --public               | public
            """)
    void eachFlag(String text, String expected) {
        InlineParameters p = InlineParameterParser.parse(text);
        assertThat(p.prompt()).isEqualTo("a fox");
        String actual = switch (expected.split("=")[0]) {
            case "ar" -> "ar=" + p.aspectRatio();
            case "no" -> "no=" + p.negativePrompt();
            case "seed" -> "seed=" + p.seed();
            case "n" -> "n=" + p.count();
            case "model" -> "model=" + p.model();
            case "style" -> "style=" + p.template();
            case "raw" -> p.raw() ? "raw" : "not raw";
            case "public" -> p.publicRequested() ? "public" : "not public";
            default -> throw new IllegalArgumentException(expected);
        };
        assertThat(actual).isEqualTo(expected);
    }

    /** One row per error: the text, the field (the flag) and a part of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a fox --zoom 2               | --zoom  | unknown flag --zoom
            a fox --ar                   | --ar    | --ar needs a value
            a fox --ar wide              | --ar    | --ar must be W:H
            a fox --ar 10:1              | --ar    | between 1:8 and 8:1
            a fox --ar 16:9 sitting      | --ar    | takes one value
            a fox --ar 1:1 --aspect 2:3  | --ar    | --ar is given twice
            a fox --no                   | --no    | --no needs what to avoid
            a fox --no , ,               | --no    | --no needs what to avoid
            a fox --seed -1              | --seed  | --seed must be a whole number
            a fox --seed 1.5             | --seed  | --seed must be a whole number
            a fox --seed 9007199254740992 | --seed | between 0 and 9007199254740991
            a fox --seed                 | --seed  | --seed needs a value
            a fox --n 0                  | --n     | between 1 and 10
            a fox --n 11                 | --n     | between 1 and 10
            a fox --n two                | --n     | --n must be a whole number
            a fox --model                | --model | --model needs a value
            a fox --model a b            | --model | takes one value
            a fox --style                | --style | --style needs a value
            a fox --raw please           | --raw   | --raw takes no value
            a fox --public yes           | --public | --public takes no value
            a fox --seed 1 --seed 2      | --seed  | --seed is given twice
            """)
    void errorsNameTheFlag(String text, String field, String message) {
        assertThatThrownBy(() -> InlineParameterParser.parse(text))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void dashesInsideWordsAndQuotesAreText() {
        InlineParameters p = InlineParameterParser.parse("a well--known sign saying \"--ar 2:1 --no\" -- fine --seed 5");
        assertThat(p.prompt()).isEqualTo("a well--known sign saying \"--ar 2:1 --no\" -- fine");
        assertThat(p.seed()).isEqualTo(5L);
        assertThat(p.aspectRatio()).isNull();
        assertThat(InlineParameterParser.parse("a sign “--raw” here").flags()).isEmpty();
        assertThat(InlineParameterParser.parse("numbers --5 and --- rules").flags()).isEmpty();
    }

    @Test
    void onlyFlagsLeavesAnEmptyPrompt() {
        InlineParameters p = InlineParameterParser.parse("--ar 1:1 --raw");
        assertThat(p.prompt()).isEmpty();
        assertThat(p.flags()).isEqualTo(List.of("--ar", "--raw"));
    }

    @Test
    void nullIsNoPrompt() {
        assertThat(InlineParameterParser.parse(null).prompt()).isNull();
    }
}
