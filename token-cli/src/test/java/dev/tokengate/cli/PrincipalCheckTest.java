package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalCheckTest {

  private static final PrincipalCheck DEFAULTS = PrincipalCheck.fromShell(Map.of());

  @Test
  void looksForSubThenUserIdByDefault() {
    assertThat(DEFAULTS.principalClaims()).containsExactly("sub", "userId");
  }

  @Test
  void readsOnlyPrincipalClaimFromTheShell() {
    PrincipalCheck check = PrincipalCheck.fromShell(Map.of("PRINCIPAL_CLAIM", "email", "JWT_LEEWAY_SECONDS", "soon"));

    assertThat(check.principalClaims()).containsExactly("email");
  }

  @Test
  void failsOnAPrincipalClaimVariableThatIsNotAListOfClaims() {
    assertThatThrownBy(() -> PrincipalCheck.fromShell(Map.of("PRINCIPAL_CLAIM", "a b")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PRINCIPAL_CLAIM");
  }

  @Test
  void findsNoProblemWithAStringSubOrANumericUserId() {
    assertThat(DEFAULTS.problem(Map.of("sub", "alice"), NOW)).isEmpty();
    assertThat(DEFAULTS.problem(Map.of("userId", 42L), NOW)).isEmpty();
  }

  @Test
  void refusesANullSubEvenWithAUserIdAsTheAuthorizerDoes() {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", null);
    claims.put("userId", "bob");

    assertThat(DEFAULTS.problem(claims, NOW)).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("the authorizer would deny this token (invalid_claim): it refuses the value of the sub claim"));
  }

  @Test
  void takesUserIdWhenSubIsAbsent() {
    assertThat(DEFAULTS.problem(Map.of("userId", "bob", "role", "admin"), NOW)).isEmpty();
  }

  @Test
  void saysThatATokenWithoutAPrincipalIsDeniedMissingClaim() {
    assertThat(DEFAULTS.problem(Map.of("role", "admin"), NOW)).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("the token has no principal claim, so the authorizer would deny it (missing_claim)"));
  }

  @Test
  void saysWhichClaimHoldsARefusedPrincipal() {
    assertThat(DEFAULTS.problem(Map.of("userId", List.of("bob")), NOW))
        .hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("the authorizer would deny this token (invalid_claim): it refuses the value of the userId claim,"
            + " which it reads for the principal"));
  }

  @Test
  void judgesOnlyThePrincipalNotTheTimesOrOtherClaims() {
    Map<String, Object> claims = Map.of("sub", "alice", "exp", 1L, "nbf", NOW.getEpochSecond() + 86_400,
        "iss", 5L, "aud", List.of());

    assertThat(DEFAULTS.problem(claims, NOW)).isEmpty();
  }
}
