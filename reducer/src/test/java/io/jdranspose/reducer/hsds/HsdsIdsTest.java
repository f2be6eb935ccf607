package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.publish.PublishTree;
import org.junit.jupiter.api.Test;

class HsdsIdsTest {

    @Test
    void idsRoundTripAnyUtf8Path() {
        String id = HsdsIds.datasetId("/ü/a b/x+y");
        assertThat(id).startsWith("d-h5dict-2F").matches("d-h5dict-[0-9A-F]+");
        assertThat(HsdsIds.parse(id)).isEqualTo(new HsdsIds.ObjectId(HsdsIds.Collection.DATASETS, "/ü/a b/x+y"));
        assertThat(HsdsIds.parse("g-h5dict-2f6569676572").path()).isEqualTo("/eiger");
    }

    @Test
    void aNodesIdFollowsItsKind() {
        PublishTree tree = new PublishTree();
        tree.scalar("/eiger/sum", 1L);
        assertThat(HsdsIds.of(tree.find("/eiger"))).isEqualTo("g-h5dict-2F6569676572");
        assertThat(HsdsIds.of(tree.find("/eiger/sum"))).isEqualTo("d-h5dict-2F65696765722F73756D");
        assertThat(HsdsIds.of(tree.root())).isEqualTo(HsdsIds.ROOT_GROUP_ID);
    }

    @Test
    void malformedIdsSayWhy() {
        assertThatThrownBy(() -> HsdsIds.parse("g-d15aacfd-62b6-594e-93cf-85baa5e441ec"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected g-h5dict-<hex>");
        assertThatThrownBy(() -> HsdsIds.parse("t-h5dict-2F")).hasMessageContaining("unknown prefix 't'");
        assertThatThrownBy(() -> HsdsIds.parse("g-h5dict-")).hasMessageContaining("is not absolute");
    }
}
