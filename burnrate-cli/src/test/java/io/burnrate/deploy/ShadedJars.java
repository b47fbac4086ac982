package io.burnrate.deploy;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The shaded jars burnrate-cli/pom.xml builds, found by their main class. */
final class ShadedJars {
  private static final String POM = "burnrate-cli/pom.xml";

  private ShadedJars() {}

  /** The {@code finalName} of the one shade execution whose manifest names {@code mainClass}. */
  static String finalNameOf(String mainClass) {
    String query = "//plugin[artifactId='maven-shade-plugin']/executions/execution[.//mainClass='" + mainClass
        + "']/configuration/finalName";
    try {
      Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(RepoFiles.path(POM).toFile());
      NodeList names = (NodeList) XPathFactory.newInstance().newXPath().evaluate(query, pom, XPathConstants.NODESET);
      if (names.getLength() != 1) {
        throw new AssertionError(POM + " has " + names.getLength() + " shade executions with main class " + mainClass
            + " and a finalName, not one");
      }
      return names.item(0).getTextContent().strip();
    } catch (IOException | SAXException | ParserConfigurationException | XPathExpressionException e) {
      throw new IllegalStateException("cannot read " + POM + ": " + e.getMessage(), e);
    }
  }

  /** Where {@code mvn package} leaves the jar with that main class. */
  static Path jarOf(String mainClass) {
    return RepoFiles.path("burnrate-cli/target/" + finalNameOf(mainClass) + ".jar");
  }
}
