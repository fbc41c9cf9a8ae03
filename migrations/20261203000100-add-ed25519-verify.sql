-- Ed25519 signature verification (RFC 8032, section 5.1.7) in PL/pgSQL, so that the database
-- itself can check a signed purge record before it lets any access-log event go. pgcrypto has
-- no Ed25519. Field arithmetic is numeric mod p = 2^255 - 19, hashing is the built-in sha512().
-- It is slow (tens of milliseconds) and not constant-time; it only ever sees public data
-- (a public key, a message and a signature), so timing reveals nothing secret.
--
-- Points are kept in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, x*y = T/Z, as numeric[4].
-- The addition formula (Hisil-Wong-Carter-Dawson 2008, "add-2008-hwcd-3") is complete for
-- a = -1 and non-square d, so it also doubles.

CREATE FUNCTION ed25519_point_add(a numeric[], b numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  p CONSTANT numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  d2 CONSTANT numeric := 16295367250680780974490674513165176452449235426866156013048779062215315747161;
  ta numeric;
  tb numeric;
  tc numeric;
  td numeric;
  te numeric;
  tf numeric;
  tg numeric;
  th numeric;
BEGIN
  ta := mod((a[2] - a[1]) * (b[2] - b[1]), p);
  tb := mod((a[2] + a[1]) * (b[2] + b[1]), p);
  tc := mod(mod(a[4] * d2, p) * b[4], p);
  td := mod(2 * a[3] * b[3], p);
  te := tb - ta;
  tf := td - tc;
  tg := td + tc;
  th := tb + ta;
  RETURN ARRAY[mod(te * tf, p), mod(tg * th, p), mod(tf * tg, p), mod(te * th, p)];
END
$$;

-- base^e mod m, square and multiply.
CREATE FUNCTION ed25519_pow(base numeric, e numeric, m numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  result numeric := 1;
  b numeric := mod(base, m);
  rest numeric := e;
BEGIN
  WHILE rest > 0 LOOP
    IF mod(rest, 2) = 1 THEN
      result := mod(result * b, m);
    END IF;
    b := mod(b * b, m);
    rest := div(rest, 2);
  END LOOP;
  RETURN result;
END
$$;

-- A little-endian byte string as an unsigned integer.
CREATE FUNCTION ed25519_le_to_int(bytes bytea) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  n numeric := 0;
BEGIN
  FOR i IN REVERSE length(bytes) - 1 .. 0 LOOP
    n := n * 256 + get_byte(bytes, i);
  END LOOP;
  RETURN n;
END
$$;

-- Decodes a 32-byte point encoding (RFC 8032, 5.1.3); NULL when it is not a point.
CREATE FUNCTION ed25519_decode_point(bytes bytea) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  p CONSTANT numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  d CONSTANT numeric := 37095705934669439343138083508754565189542113879843219016388785533085940283555;
  sqrt_m1 CONSTANT numeric := 19681161376707505956807079304988542015446066515923890162744021073123829784752;
  sign integer;
  y numeric;
  u numeric;
  v numeric;
  x numeric;
  vxx numeric;
BEGIN
  IF length(bytes) <> 32 THEN
    RETURN NULL;
  END IF;
  sign := get_byte(bytes, 31) >> 7;
  y := ed25519_le_to_int(set_byte(bytes, 31, get_byte(bytes, 31) & 127));
  IF y >= p THEN
    RETURN NULL;
  END IF;
  u := mod(y * y - 1 + p, p);
  v := mod(d * y * y + 1, p);
  -- x = u v^3 (u v^7)^((p-5)/8)
  x := mod(mod(u * ed25519_pow(v, 3, p), p)
           * ed25519_pow(mod(u * ed25519_pow(v, 7, p), p),
                         7237005577332262213973186563042994240829374041602535252466099000494570602493, p), p);
  vxx := mod(v * x * x, p);
  IF vxx = u THEN
    NULL;
  ELSIF vxx = mod(p - u, p) THEN
    x := mod(x * sqrt_m1, p);
  ELSE
    RETURN NULL;
  END IF;
  IF x = 0 AND sign = 1 THEN
    RETURN NULL;
  END IF;
  IF mod(x, 2) <> sign THEN
    x := p - x;
  END IF;
  RETURN ARRAY[x, y, 1, mod(x * y, p)];
END
$$;

-- Encodes a point (RFC 8032, 5.1.2).
CREATE FUNCTION ed25519_encode_point(pt numeric[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  p CONSTANT numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  zinv numeric;
  x numeric;
  y numeric;
  enc bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
BEGIN
  zinv := ed25519_pow(pt[3], p - 2, p);
  x := mod(mod(pt[1] * zinv, p) + p, p);
  y := mod(mod(pt[2] * zinv, p) + p, p);
  FOR i IN 0 .. 31 LOOP
    enc := set_byte(enc, i, mod(y, 256)::integer);
    y := div(y, 256);
  END LOOP;
  IF mod(x, 2) = 1 THEN
    enc := set_byte(enc, 31, get_byte(enc, 31) | 128);
  END IF;
  RETURN enc;
END
$$;

-- RFC 8032 5.1.7: accepts iff S < L, A decodes, and [S]B - [k]A encodes to R, with
-- k = SHA-512(R || A || M) mod L. The equation is checked without the cofactor and by comparing
-- encodings, as OpenSSL (and so node:crypto, which signs the records) does.
CREATE FUNCTION ed25519_verify(public_key bytea, message bytea, signature bytea) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  p CONSTANT numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  l CONSTANT numeric := 7237005577332262213973186563042994240857116359379907606001950938285454250989;
  base CONSTANT numeric[] := ARRAY[
    15112221349535400772501151409588531511454012693041857206046113283949847762202,
    46316835694926478169428394003475163141307993866256225615783033603165251855960,
    1,
    46827403850823179245072216630277197565144205554125654976674165829533817101731];
  a numeric[];
  neg_a numeric[];
  base_neg_a numeric[];
  acc numeric[] := ARRAY[0, 1, 1, 0]::numeric[];
  s numeric;
  k numeric;
  s_bits text := '';
  k_bits text := '';
  sb boolean;
  kb boolean;
BEGIN
  IF length(public_key) <> 32 OR length(signature) <> 64 THEN
    RETURN false;
  END IF;
  s := ed25519_le_to_int(substring(signature FROM 33 FOR 32));
  IF s >= l THEN
    RETURN false;
  END IF;
  a := ed25519_decode_point(public_key);
  IF a IS NULL THEN
    RETURN false;
  END IF;
  k := mod(ed25519_le_to_int(sha512(substring(signature FROM 1 FOR 32) || public_key || message)), l);
  neg_a := ARRAY[mod(p - a[1], p), a[2], a[3], mod(p - a[4], p)];
  base_neg_a := ed25519_point_add(base, neg_a);
  -- Bits, most significant first, of S and k (both < 2^253).
  FOR i IN 1 .. 253 LOOP
    s_bits := mod(s, 2)::text || s_bits;
    k_bits := mod(k, 2)::text || k_bits;
    s := div(s, 2);
    k := div(k, 2);
  END LOOP;
  -- Straus-Shamir: one doubling per bit, one addition where either bit is set.
  FOR i IN 1 .. 253 LOOP
    acc := ed25519_point_add(acc, acc);
    sb := substr(s_bits, i, 1) = '1';
    kb := substr(k_bits, i, 1) = '1';
    IF sb AND kb THEN
      acc := ed25519_point_add(acc, base_neg_a);
    ELSIF sb THEN
      acc := ed25519_point_add(acc, base);
    ELSIF kb THEN
      acc := ed25519_point_add(acc, neg_a);
    END IF;
  END LOOP;
  RETURN ed25519_encode_point(acc) = substring(signature FROM 1 FOR 32);
END
$$;

-- The raw 32-byte key inside an Ed25519 SubjectPublicKeyInfo PEM (RFC 8410); NULL otherwise.
CREATE FUNCTION ed25519_public_key_from_pem(pem text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  der bytea;
BEGIN
  der := decode(regexp_replace(regexp_replace(pem, '-----(BEGIN|END) PUBLIC KEY-----', '', 'g'), '\s', '', 'g'),
                'base64');
  IF length(der) <> 44 OR substring(der FROM 1 FOR 12) <> '\x302a300506032b6570032100'::bytea THEN
    RETURN NULL;
  END IF;
  RETURN substring(der FROM 13 FOR 32);
END
$$;

REVOKE ALL ON FUNCTION ed25519_point_add(numeric[], numeric[]), ed25519_pow(numeric, numeric, numeric),
  ed25519_le_to_int(bytea), ed25519_decode_point(bytea), ed25519_encode_point(numeric[]),
  ed25519_verify(bytea, bytea, bytea), ed25519_public_key_from_pem(text) FROM PUBLIC;
