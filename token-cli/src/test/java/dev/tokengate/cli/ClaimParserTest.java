package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimParserTest {

  @Test
  void keyEqualsValueIsAStringSplitOnTheFirstEquals() {
    assertThat(ClaimParser.parse("data=a=b==")).isEqualTo(Map.entry("data", "a=b=="));
    assertThat(ClaimParser.parse("role=42")).isEqualTo(Map.entry("role", "42"));
    assertThat(ClaimParser.parse("empty=")).isEqualTo(Map.entry("empty", ""));
  }

  @Test
  void keyColonEqualsJsonIsTyped() {
    assertThat(ClaimParser.parse("n:=42").getValue()).isEqualTo(42L);
    assertThat(ClaimParser.parse("f:=1.5").getValue()).isEqualTo(1.5);
    assertThat(ClaimParser.parse("admin:=true").getValue()).isEqualTo(true);
    assertThat(ClaimParser.parse("scope:=[\"read\",\"write\"]").getValue()).isEqualTo(List.of("read", "write"));
    assertThat(ClaimParser.parse("o:={\"k\":{\"n\":1}}").getValue()).isEqualTo(Map.of("k", Map.of("n", 1L)));
    assertThat(ClaimParser.parse("s:=\"text\"").getValue()).isEqualTo("text");
    assertThat(ClaimParser.parse("nothing:=null").getValue()).isNull();
  }

  @Test
  void aColonInsideTheNameIsPartOfIt() {
    assertThat(ClaimParser.parse("urn:example:role=admin")).isEqualTo(Map.entry("urn:example:role", "admin"));
  }

  @Test
  void rejectsAnArgumentWithoutEquals() {
    assertThatThrownBy(() -> ClaimParser.parse("role")).hasMessageContaining("key=value");
  }

  @Test
  void rejectsAnEmptyName() {
    assertThatThrownBy(() -> ClaimParser.parse("=x")).hasMessageContaining("empty claim name");
    assertThatThrownBy(() -> ClaimParser.parse(":=1")).hasMessageContaining("empty claim name");
  }

  @Test
  void rejectsInvalidJsonNamingTheClaim() {
    assertThatThrownBy(() -> ClaimParser.parse("scope:=[read]"))
        .hasMessageStartingWith("claim 'scope': invalid JSON")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ClaimParser.parse("o:={\"a\":1,\"a\":2}")).hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> ClaimParser.parse("n:=1 2")).hasMessageContaining("invalid JSON");
  }

  @Test
  void rejectsIntegersBeyondSixtyFourBits() {
    assertThatThrownBy(() -> ClaimParser.parse("n:=99999999999999999999")).hasMessageContaining("64 bits");
  }
}
