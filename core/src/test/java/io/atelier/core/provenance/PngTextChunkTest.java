package io.atelier.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

class PngTextChunkTest {

    private static final String KEYWORD = "atelier:provenance";
    private static final String TEXT = "{\"prompt\":\"r\u00e9sum\u00e9 \u732b \ud83e\udd8a\"}";

    private record RawChunk(String type, int offset, byte[] data, int crc) {
    }

    /** An independent reading of the chunk list, checking every CRC. */
    private static List<RawChunk> chunks(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        in.position(8);
        List<RawChunk> out = new ArrayList<>();
        while (in.remaining() >= 12) {
            int offset = in.position();
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            int crc = in.getInt();
            CRC32 expected = new CRC32();
            expected.update(type);
            expected.update(data);
            assertThat(crc).as("CRC of " + new String(type, StandardCharsets.US_ASCII)).isEqualTo((int) expected.getValue());
            out.add(new RawChunk(new String(type, StandardCharsets.US_ASCII), offset, data, crc));
        }
        return out;
    }

    @Test
    void insertsAnItxtChunkRightBeforeIendWithCorrectCrc() throws Exception {
        byte[] original = ProvenanceFixtures.png();
        byte[] withChunk = PngTextChunk.insert(original, KEYWORD, TEXT);

        List<RawChunk> chunks = chunks(withChunk);
        assertThat(chunks.getLast().type()).isEqualTo("IEND");
        RawChunk ours = chunks.get(chunks.size() - 2);
        assertThat(ours.type()).isEqualTo("iTXt");
        byte[] expectedData = (KEYWORD + "\0\0\0\0\0" + TEXT).getBytes(StandardCharsets.UTF_8);
        assertThat(ours.data()).isEqualTo(expectedData);
        assertThat(withChunk).hasSize(original.length + 12 + expectedData.length);
        // Everything before the chunk and after it is the original, byte for byte.
        int at = ours.offset();
        assertThat(Arrays.copyOfRange(withChunk, 0, at)).isEqualTo(Arrays.copyOfRange(original, 0, at));
        assertThat(Arrays.copyOfRange(withChunk, at + 12 + expectedData.length, withChunk.length))
                .isEqualTo(Arrays.copyOfRange(original, at, original.length));
    }

    @Test
    void imageIoStillReadsTheImageAndSeesTheText() throws Exception {
        BufferedImage picture = ProvenanceFixtures.picture(48, 32);
        byte[] original = ProvenanceFixtures.encode(picture, "png");
        byte[] withChunk = PngTextChunk.insert(original, KEYWORD, TEXT);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(withChunk));
        assertThat(decoded.getWidth()).isEqualTo(48);
        assertThat(decoded.getRGB(0, 0, 48, 32, null, 0, 48)).isEqualTo(picture.getRGB(0, 0, 48, 32, null, 0, 48));

        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(withChunk))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(stream);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            Node entry = find(root, "iTXtEntry");
            assertThat(entry).as("ImageIO sees an iTXt entry").isNotNull();
            assertThat(entry.getAttributes().getNamedItem("keyword").getNodeValue()).isEqualTo(KEYWORD);
            assertThat(entry.getAttributes().getNamedItem("compressionFlag").getNodeValue()).isIn("FALSE", "false");
            assertThat(entry.getAttributes().getNamedItem("text").getNodeValue()).isEqualTo(TEXT);
            reader.dispose();
        }
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void removingTheChunkRestoresTheOriginalBytesExactly() throws Exception {
        byte[] original = ProvenanceFixtures.png();
        byte[] withChunk = PngTextChunk.insert(original, KEYWORD, TEXT);

        PngTextChunk.Found found = PngTextChunk.findLast(withChunk, KEYWORD).orElseThrow();
        assertThat(found.text()).isEqualTo(TEXT);
        assertThat(PngTextChunk.remove(withChunk, found)).isEqualTo(original);
    }

    @Test
    void onlyTheLastChunkIsOursSoReSigningNestsCleanly() throws Exception {
        byte[] original = ProvenanceFixtures.png();
        byte[] once = PngTextChunk.insert(original, KEYWORD, "first");
        byte[] twice = PngTextChunk.insert(once, KEYWORD, "second");

        PngTextChunk.Found last = PngTextChunk.findLast(twice, KEYWORD).orElseThrow();
        assertThat(last.text()).isEqualTo("second");
        assertThat(PngTextChunk.remove(twice, last)).isEqualTo(once);
    }

    @Test
    void aFileWithoutOurChunkHasNone() throws Exception {
        byte[] original = ProvenanceFixtures.png();
        assertThat(PngTextChunk.findLast(original, KEYWORD)).isEmpty();
        byte[] otherKeyword = PngTextChunk.insert(original, "Comment", TEXT);
        assertThat(PngTextChunk.findLast(otherKeyword, KEYWORD)).isEmpty();
        // Our chunk followed by another one is not "the last chunk before IEND" any more.
        byte[] buried = PngTextChunk.insert(PngTextChunk.insert(original, KEYWORD, TEXT), "Comment", "x");
        assertThat(PngTextChunk.findLast(buried, KEYWORD)).isEmpty();
    }

    @Test
    void aDamagedChunkIsReportedNotTrusted() throws Exception {
        byte[] withChunk = PngTextChunk.insert(ProvenanceFixtures.png(), KEYWORD, TEXT);
        PngTextChunk.Found found = PngTextChunk.findLast(withChunk, KEYWORD).orElseThrow();
        withChunk[found.offset() + 8 + KEYWORD.length() + 7] ^= 0x01;

        assertThatThrownBy(() -> PngTextChunk.findLast(withChunk, KEYWORD))
                .isInstanceOf(PngTextChunk.MalformedPngException.class).hasMessageContaining("CRC");
    }

    @Test
    void malformedFilesAreRefused() throws IOException {
        byte[] png = ProvenanceFixtures.png();
        assertThatThrownBy(() -> PngTextChunk.insert("not a png".getBytes(StandardCharsets.US_ASCII), KEYWORD, TEXT))
                .isInstanceOf(PngTextChunk.MalformedPngException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> PngTextChunk.insert(Arrays.copyOf(png, png.length - 12), KEYWORD, TEXT))
                .isInstanceOf(PngTextChunk.MalformedPngException.class).hasMessageContaining("IEND");
        byte[] hugeLength = png.clone();
        hugeLength[8] = 0x7F;
        assertThatThrownBy(() -> PngTextChunk.findLast(hugeLength, KEYWORD))
                .isInstanceOf(PngTextChunk.MalformedPngException.class).hasMessageContaining("more data");
        byte[] negativeLength = png.clone();
        negativeLength[8] = (byte) 0xFF;
        assertThatThrownBy(() -> PngTextChunk.findLast(negativeLength, KEYWORD))
                .isInstanceOf(PngTextChunk.MalformedPngException.class);
        assertThatThrownBy(() -> PngTextChunk.insert(png, " bad keyword", TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngTextChunk.insert(png, "k".repeat(80), TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PngTextChunk.isPng(new byte[3])).isFalse();
    }
}
