package io.jdranspose.controller.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router()
            .add("GET", "/", call -> { })
            .add("POST", "/api/v1/sequence", call -> { })
            .add("GET", "/api/v1/parameter/{name}", call -> { })
            .add("POST", "/api/v1/parameter/{name}", call -> { });

    @Test
    void trailingSlashesAreIgnored() {
        assertThat(router.find("POST", "/api/v1/sequence/").route().template()).isEqualTo("/api/v1/sequence");
        assertThat(router.find("GET", "/").route().template()).isEqualTo("/");
    }

    @Test
    void pathParametersAreDecodedAndPlusStaysPlus() {
        assertThat(router.find("GET", "/api/v1/parameter/roi%201").parameters()).containsEntry("name", "roi 1");
        assertThat(router.find("GET", "/api/v1/parameter/a+b").parameters()).containsEntry("name", "a+b");
    }

    @Test
    void unknownPathIs404AndWrongMethod405() {
        assertThatThrownBy(() -> router.find("GET", "/api/v1/parameter/"))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> router.find("GET", "/api/v1/sequence"))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(405);
        assertThatThrownBy(() -> router.find("GET", "/api/v1/parameter/%zz"))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(400);
        assertThat(router.methodsFor("/api/v1/parameter/x")).containsExactly("GET", "POST");
    }
}
