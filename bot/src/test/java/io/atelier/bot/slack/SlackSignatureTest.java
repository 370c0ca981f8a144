package io.atelier.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's request signing, checked against the worked example in Slack's documentation. */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignature at(long epochSecond) {
        return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void signsAndVerifiesSlacksDocumentedExample() {
        SlackSignature signature = at(1531420618L);
        assertThat(signature.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY)).isTrue();
    }

    @Test
    void refusesATamperedBodyAWrongSecretOrAMalformedHeader() {
        SlackSignature signature = at(1531420618L);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, tampered)).isFalse();
        assertThat(new SlackSignature("another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC))
                .verify(TIMESTAMP, SIGNATURE, BODY)).isFalse();
        assertThat(signature.verify(TIMESTAMP, SIGNATURE.toUpperCase(), BODY)).isFalse();
        assertThat(signature.verify(TIMESTAMP, "v0=", BODY)).isFalse();
        assertThat(signature.verify(null, SIGNATURE, BODY)).isFalse();
        assertThat(signature.verify(TIMESTAMP, null, BODY)).isFalse();
        assertThat(signature.verify("15314206l8", SIGNATURE, BODY)).isFalse();
    }

    @Test
    void acceptsFiveMinutesEitherWayAndNoMore() {
        long ts = 1531420618L;
        assertThat(at(ts + 300).verify(TIMESTAMP, SIGNATURE, BODY)).isTrue();
        assertThat(at(ts - 300).verify(TIMESTAMP, SIGNATURE, BODY)).isTrue();
        assertThat(at(ts + 301).verify(TIMESTAMP, SIGNATURE, BODY)).as("stale").isFalse();
        assertThat(at(ts - 301).verify(TIMESTAMP, SIGNATURE, BODY)).as("from the future").isFalse();
    }
}
