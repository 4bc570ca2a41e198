package io.hansim.gbcs.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The simulation CA of {@link TestPki}: a self-signed P-256 root and the certificates it issues,
 * built with BouncyCastle's ASN.1 classes (bcprov only) and signed with the deterministic nonce of
 * {@link GbcsSignature#signDeterministic(byte[], ECPrivateKey)}, so equal inputs give equal DER.
 */
final class SimulationCa {
    /** ecdsa-with-SHA256, no parameters (RFC 5758 §3.2). */
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    /** id-on-hardwareModuleName (RFC 4108): the otherName device certificates carry (corpora.md §5.2). */
    static final ASN1ObjectIdentifier HARDWARE_MODULE_NAME = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4");
    /** hwType the RTDS device certificates use inside the hardware module name (corpora.md §5.2). */
    private static final ASN1ObjectIdentifier DEVICE_HW_TYPE = new ASN1ObjectIdentifier("1.2.826.0.1.1800000.1.2.2.1");
    /** Fixed validity: from 2020-01-01, no expiry (RFC 5280 §4.1.2.5 99991231235959Z, as device certificates do). */
    private static final Time NOT_BEFORE = new Time(new ASN1UTCTime("200101000000Z"));
    private static final Time NOT_AFTER = new Time(new ASN1GeneralizedTime("99991231235959Z"));
    static final X500Name CA_NAME = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.OU, "hansim simulation").addRDN(BCStyle.CN, "hansim CA").build();

    private final ECPrivateKey key;
    private final byte[] keyId;
    private final X509Certificate certificate;

    private SimulationCa(ECPrivateKey key, byte[] keyId, X509Certificate certificate) {
        this.key = key;
        this.keyId = keyId;
        this.certificate = certificate;
    }

    static SimulationCa create(ECPrivateKey key, ECPublicKey publicKey) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        byte[] id = keyIdentifier(spki);
        V3TBSCertificateGenerator tbs = base(serial("ca", 0), spki);
        tbs.setSubject(CA_NAME);
        tbs.setExtensions(new Extensions(new Extension[] {
            ext(Extension.basicConstraints, true, new BasicConstraints(true)),
            ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
            ext(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(id)),
        }));
        return new SimulationCa(key, id, sign(tbs.generateTBSCertificate(), key));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Issues the certificate of one entity key (device or organisation shape, corpora.md §5.2). */
    static X509Certificate issue(SimulationCa ca, long entity, io.hansim.gbcs.crypto.KeyUsage usage,
            ECPublicKey publicKey, boolean device) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        V3TBSCertificateGenerator tbs = base(serial(usage.suffix(), entity), spki);
        byte[] eui = ByteBuffer.allocate(8).putLong(entity).array();
        int bits = usage == io.hansim.gbcs.crypto.KeyUsage.DS ? KeyUsage.digitalSignature : KeyUsage.keyAgreement;
        Extension keyUsage = ext(Extension.keyUsage, true, new KeyUsage(bits));
        Extension ski = ext(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spki)));
        Extension aki = ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.keyId));
        if (device) {
            tbs.setSubject(new X500Name(new RDN[0]));
            // otherName { id-on-hardwareModuleName, [0] HardwareModuleName { hwType, hwSerialNum = EUI } }
            DERSequence hmn = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                DEVICE_HW_TYPE, new DEROctetString(eui)});
            DERSequence otherName = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                HARDWARE_MODULE_NAME, new DERTaggedObject(true, 0, hmn)});
            GeneralNames san = new GeneralNames(new GeneralName(GeneralName.otherName, otherName));
            tbs.setExtensions(new Extensions(new Extension[] {keyUsage, ski,
                ext(Extension.subjectAlternativeName, true, san), aki}));
        } else {
            String hex = HexFormat.of().withUpperCase().toHexDigits(entity);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, new DERUTF8String("hansim " + hex))
                    .addRDN(BCStyle.OU, new DERUTF8String("simulation"))
                    .addRDN(BCStyle.UNIQUE_IDENTIFIER, new DERBitString(eui))
                    .build();
            tbs.setSubject(subject);
            tbs.setExtensions(new Extensions(new Extension[] {keyUsage, ski, aki}));
        }
        return sign(tbs.generateTBSCertificate(), ca.key);
    }

    private static V3TBSCertificateGenerator base(ASN1Integer serial, SubjectPublicKeyInfo spki) {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(serial);
        tbs.setSignature(ECDSA_SHA256);
        tbs.setIssuer(CA_NAME);
        tbs.setStartDate(NOT_BEFORE);
        tbs.setEndDate(NOT_AFTER);
        tbs.setSubjectPublicKeyInfo(spki);
        return tbs;
    }

    /** A positive 16-byte serial from label and entity (unique per key, RFC 5280 §4.1.2.2 ≤ 20 bytes). */
    private static ASN1Integer serial(String label, long entity) {
        byte[] h = TestPki.sha256("serial".getBytes(StandardCharsets.US_ASCII), new byte[] {0},
                label.getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(8).putLong(entity).array());
        byte[] s = Arrays.copyOf(h, 16);
        s[0] &= 0x7F;
        s[0] |= 0x40; // keep 16 significant bytes
        return new ASN1Integer(new BigInteger(1, s));
    }

    /** 8-byte key identifier: leftmost 64 bits of SHA-256 of the public key bits (like RFC 7093 §2 method 1). */
    private static byte[] keyIdentifier(SubjectPublicKeyInfo spki) {
        return Arrays.copyOf(TestPki.sha256(spki.getPublicKeyData().getBytes()), 8);
    }

    private static Extension ext(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("extension does not encode", e);
        }
    }

    private static X509Certificate sign(TBSCertificate tbs, ECPrivateKey key) {
        try {
            byte[] tbsDer = tbs.getEncoded(ASN1Encoding.DER);
            byte[] sig = GbcsSignature.rawToDer(GbcsSignature.signDeterministic(tbsDer, key));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(tbs);
            v.add(ECDSA_SHA256);
            v.add(new DERBitString(sig));
            byte[] der = Certificate.getInstance(new DERSequence(v)).getEncoded(ASN1Encoding.DER);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("certificate does not build", e);
        }
    }
}
