//! A fast reader for the plain RON that nianbao itself writes, tried before the `ron`
//! crate: 汇总下级报告 reads thousands of drafts, and `ron`'s general parser (comments,
//! escapes, raw strings, number suffixes, extensions, `deserialize_any` trying a dozen
//! keywords for every cell) was two thirds of that work.
//!
//! It knows only the forms [`super::Draft::to_ron`] writes: `(field: value, …)` structs
//! without names, `{"key": value, …}` maps, `[…]` lists, strings without escapes, plain
//! integers, `true`/`false`, `None`/`Some(…)` and unit enum variants, with ASCII
//! whitespace and trailing commas. Anything else (a comment, an escape, a float, a hand
//! edit in another style, an error) makes it give up with `None`, and the caller reads
//! the text with `ron`, which also words the error. So it never decides what a file
//! means: where it answers, it answers as `ron` would (checked by a property test and
//! the `draft` fuzz target).
//!
//! Measured again on 2026-12-07 (callgrind, optimised build, seed 003's draft of 12 KB and
//! 200 cells, per read): this reader 482 k instructions; `ron` 1,028 k; `ron` with the cell
//! type read by `deserialize_str` instead of `deserialize_any` 842 k, still 1.75× this
//! reader (its whitespace skipping, UTF-8 checks and string scanning, not the cells, are
//! now most of its cost) and refusing a cell a hand edit wrote as a bare integer. Kept,
//! as its speed-up is over the 1.5× that would justify keeping it.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

/// The value, or `None` where the text is not in the plain subset (or is not valid).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_ws().ok()?;
    (reader.pos == text.len()).then_some(value)
}

/// Outside the subset, or invalid: either way `ron` reads the text instead.
#[derive(Debug)]
struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain RON")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Self
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

/// How deep lists, maps, structs and `Some` may nest: a draft needs 4; deeper input is
/// left to `ron`, which refuses it with its own limit, rather than overflowing the stack.
const MAX_DEPTH: usize = 16;

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.pos..]
    }

    /// ASCII whitespace; a comment (`//`, `/*`) is outside the subset.
    fn skip_ws(&mut self) -> Result<()> {
        let n = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            .count();
        self.pos += n;
        if self.rest().first() == Some(&b'/') {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Result<u8> {
        self.skip_ws()?;
        self.rest().first().copied().ok_or(GiveUp)
    }

    fn eat(&mut self, byte: u8) -> Result<bool> {
        let found = self.peek()? == byte;
        if found {
            self.pos += 1;
        }
        Ok(found)
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte)? { Ok(()) } else { Err(GiveUp) }
    }

    /// Opens a bracket (or `Some(`), one level deeper.
    fn open(&mut self, byte: u8) -> Result<()> {
        self.expect(byte)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// Closes it.
    fn close(&mut self, byte: u8) -> Result<()> {
        self.expect(byte)?;
        self.depth -= 1;
        Ok(())
    }

    /// After a value: a comma, or the closing bracket (left for the caller).
    fn after_value(&mut self, close: u8) -> Result<()> {
        if self.eat(b',')? || self.peek()? == close {
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// An identifier: ASCII letters, digits and `_`, not starting with a digit. A raw
    /// identifier (`r#…`) or string (`r"…"`) is outside the subset.
    fn ident(&mut self) -> Result<&'a str> {
        self.skip_ws()?;
        let rest = self.rest();
        if !rest
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return Err(GiveUp);
        }
        let n = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if matches!(rest.get(n), Some(b'#' | b'"')) {
            return Err(GiveUp);
        }
        let ident = &self.text[self.pos..self.pos + n];
        self.pos += n;
        Ok(ident)
    }

    /// The identifier ahead, without consuming it.
    fn peek_ident(&mut self) -> Result<&'a str> {
        let start = self.pos;
        let ident = self.ident();
        self.pos = start;
        ident
    }

    /// A string without escapes, borrowed as it stands in the file.
    fn string(&mut self) -> Result<&'a str> {
        self.expect(b'"')?;
        let rest = self.rest();
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\\'))
            .ok_or(GiveUp)?;
        if rest[end] == b'\\' {
            return Err(GiveUp);
        }
        let string = &self.text[self.pos..self.pos + end];
        self.pos += end + 1;
        Ok(string)
    }

    /// A plain decimal integer: no sign `+`, no leading zero, no `_`, suffix, exponent or
    /// fraction, and within 64 bits.
    fn integer<V: Visitor<'a>>(&mut self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        let rest = self.rest();
        let negative = rest.first() == Some(&b'-');
        let digits = &rest[usize::from(negative)..];
        let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        let ends_cleanly = !digits
            .get(n)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'));
        if n == 0 || n > 19 || (n > 1 && digits[0] == b'0') || !ends_cleanly {
            return Err(GiveUp);
        }
        let text = &self.text[self.pos..self.pos + usize::from(negative) + n];
        self.pos += text.len();
        if negative {
            visitor.visit_i64(text.parse().map_err(|_err| GiveUp)?)
        } else {
            visitor.visit_u64(text.parse().map_err(|_err| GiveUp)?)
        }
    }

    /// A map's `{…}` or a struct's `(…)`: entries up to the closing bracket.
    fn entries<V: Visitor<'a>>(&mut self, open: u8, close: u8, visitor: V) -> Result<V::Value> {
        self.open(open)?;
        let value = visitor.visit_map(Bracketed {
            reader: &mut *self,
            close,
        })?;
        self.close(close)?;
        Ok(value)
    }

    /// `None`, or `Some(` … `)` around the value.
    fn option<V: Visitor<'a>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.open(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.close(b')')?;
                Ok(value)
            }
            _ => Err(GiveUp),
        }
    }
}

/// `deserialize_*` methods that read a plain integer (the visitor checks its range).
macro_rules! integers {
    ($de:lifetime: $($method:ident)*) => {$(
        fn $method<V: Visitor<$de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
    )*};
}

/// `deserialize_*` methods for types the plain subset leaves to `ron`.
macro_rules! give_up {
    ($de:lifetime: $($method:ident)*) => {$(
        fn $method<V: Visitor<$de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    integers!('de: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);
    give_up!('de: deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit);

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'"' => visitor.visit_borrowed_str(self.string()?),
            b'-' | b'0'..=b'9' => self.integer(visitor),
            b'{' => self.deserialize_map(visitor),
            b'[' => self.deserialize_seq(visitor),
            _ => match self.peek_ident()? {
                "true" | "false" => self.deserialize_bool(visitor),
                "None" | "Some" => self.option(visitor),
                _ => Err(GiveUp),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.option(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.open(b'[')?;
        let value = visitor.visit_seq(Bracketed {
            reader: &mut *self,
            close: b']',
        })?;
        self.close(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.entries(b'{', b'}', visitor)
    }

    /// `(field: value, …)`, without the struct's name.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.entries(b'(', b')', visitor)
    }

    /// A unit variant only: `CountyGov`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let variant = self.ident()?;
        if self.peek().is_ok_and(|b| b == b'(') {
            return Err(GiveUp);
        }
        visitor.visit_enum(variant.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }
}

/// What stands between brackets, each item or entry followed by a comma or the closing
/// bracket: a list's items, a map's entries (`"key": value`) or a struct's fields
/// (`field: value`).
struct Bracketed<'r, 'a> {
    reader: &'r mut Reader<'a>,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for Bracketed<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.reader.peek()? == self.close {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_value(self.close)?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Bracketed<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek()? == self.close {
            return Ok(None);
        }
        let key = if self.close == b')' {
            let field = self.reader.ident()?;
            seed.deserialize(BorrowedStrDeserializer::new(field))?
        } else {
            seed.deserialize(&mut *self.reader)?
        };
        self.reader.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_value(self.close)?;
        Ok(value)
    }
}
