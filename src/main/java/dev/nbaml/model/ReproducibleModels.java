package dev.nbaml.model;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Tribuo linear models (logistic regressions) whose file depends only on their inputs: their
 * provenance holds a time the caller chooses (never the wall clock) and the facts the caller names
 * (never the host's). Training ({@code ModelTrainer}) and the legacy import ({@link LegacyImport})
 * both make their models here, so the model file of the same input is the same bytes wherever it is
 * made.
 */
public final class ReproducibleModels {

  private ReproducibleModels() {}

  /**
   * A provenance without execution facts (host, user, JVM).
   *
   * @param time the time to record: the data's, or the one the user gave
   * @param facts recorded as strings under their names (e.g. a digest of the input)
   */
  public static ModelProvenance provenance(
      OffsetDateTime time,
      DatasetProvenance data,
      TrainerProvenance trainer,
      Map<String, String> facts) {
    Map<String, Provenance> instance = new TreeMap<>();
    facts.forEach((name, value) -> instance.put(name, new StringProvenance(name, value)));
    return new ModelProvenance(
        LinearSGDModel.class.getName(), time, data, trainer, instance, false);
  }

  /** The trained model with its provenance replaced: the same weights, features and labels. */
  public static Model<Label> withProvenance(Model<Label> trained, ModelProvenance provenance) {
    try {
      ClassificationLinearSGDProto data =
          trained.serialize().getSerializedData().unpack(ClassificationLinearSGDProto.class);
      return assemble(
          trained.getName(),
          provenance,
          trained.getFeatureIDMap(),
          trained.getOutputIDInfo(),
          trained.generatesProbabilities(),
          data.toBuilder());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "Cannot rewrite the provenance of the model " + trained.getName(), e);
    }
  }

  /**
   * A logistic regression from its weights: one row per label (by the label's id), one column per
   * feature (by the feature's id), then the bias column; softmax turns the rows' scores into
   * probabilities.
   */
  public static Model<Label> fromWeights(
      String name,
      ModelProvenance provenance,
      ImmutableFeatureMap features,
      ImmutableOutputInfo<Label> labels,
      DenseMatrix weights) {
    ClassificationLinearSGDProto.Builder data =
        ClassificationLinearSGDProto.newBuilder()
            .setParams(new LinearParameters(weights).serialize())
            .setNormalizer(new ExpNormalizer().serialize());
    return assemble(name, provenance, features, labels, true, data);
  }

  private static Model<Label> assemble(
      String name,
      ModelProvenance provenance,
      ImmutableFeatureMap features,
      ImmutableOutputInfo<Label> labels,
      boolean probabilities,
      ClassificationLinearSGDProto.Builder data) {
    ModelDataCarrier<Label> carrier =
        new ModelDataCarrier<>(name, provenance, features, labels, probabilities, Tribuo.VERSION);
    ModelProto proto =
        ModelProto.newBuilder()
            .setVersion(0)
            .setClassName(LinearSGDModel.class.getName())
            .setSerializedData(Any.pack(data.setMetadata(carrier.serialize()).build()))
            .build();
    return Model.deserialize(proto).castModel(Label.class);
  }
}
