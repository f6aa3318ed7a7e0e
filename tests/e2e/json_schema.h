// json_schema: a JSON Schema validator for the subset that
// docs/article.schema.json uses, so tests can hold gleaner's output to the
// documented contract.
// Does:    checks type (a name or a list), enum, pattern (ECMAScript, as
//          JSON Schema specifies), minimum, maximum, properties, required,
//          additionalProperties (false or a schema), dependentRequired and
//          items. Annotations ($schema, $id, title, description) are
//          ignored; any other keyword is reported as unsupported, so a
//          constraint added to the schema is never silently skipped.
// Borrows: the schema and the value, for the call only.
// Errors:  returns every problem as "<JSON pointer>: <why>"; empty = valid.
// Header-only because e2e's binary is built from *_test.cc files alone.
#ifndef GLEANER_TESTS_E2E_JSON_SCHEMA_H_
#define GLEANER_TESTS_E2E_JSON_SCHEMA_H_

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace gleaner::testing {

namespace schema_internal {

using nlohmann::json;

inline bool HasType(const json& value, const std::string& type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  return false;
}

class Validator {
 public:
  std::vector<std::string> problems;

  void Check(const json& schema, const json& value, const std::string& where) {
    if (!schema.is_object()) return Fail(where, "schema is not an object");
    for (const auto& [keyword, rule] : schema.items()) {
      if (kAnnotations.count(keyword)) continue;
      if (keyword == "type") CheckType(rule, value, where);
      else if (keyword == "enum") CheckEnum(rule, value, where);
      else if (keyword == "pattern") CheckPattern(rule, value, where);
      else if (keyword == "minimum") CheckBound(rule, value, where, /*is_minimum=*/true);
      else if (keyword == "maximum") CheckBound(rule, value, where, /*is_minimum=*/false);
      else if (keyword == "properties" || keyword == "additionalProperties") continue;  // CheckObject
      else if (keyword == "required" || keyword == "dependentRequired") continue;       // CheckObject
      else if (keyword == "items") CheckItems(rule, value, where);
      else Fail(where, "unsupported schema keyword '" + keyword + "'");
    }
    if (value.is_object()) CheckObject(schema, value, where);
  }

 private:
  static inline const std::set<std::string> kAnnotations = {"$schema", "$id", "title", "description"};

  void Fail(const std::string& where, const std::string& why) {
    problems.push_back((where.empty() ? "/" : where) + ": " + why);
  }

  void CheckType(const json& rule, const json& value, const std::string& where) {
    std::vector<std::string> types;
    if (rule.is_string()) types.push_back(rule.get<std::string>());
    if (rule.is_array()) {
      for (const json& t : rule) types.push_back(t.get<std::string>());
    }
    for (const std::string& type : types) {
      if (HasType(value, type)) return;
    }
    Fail(where, "expected type " + rule.dump() + ", got " + value.dump().substr(0, 80));
  }

  void CheckEnum(const json& rule, const json& value, const std::string& where) {
    for (const json& allowed : rule) {
      if (allowed == value) return;
    }
    Fail(where, value.dump().substr(0, 80) + " is not one of " + rule.dump());
  }

  void CheckPattern(const json& rule, const json& value, const std::string& where) {
    if (!value.is_string()) return;
    std::regex re(rule.get<std::string>(), std::regex::ECMAScript);
    if (!std::regex_search(value.get<std::string>(), re)) {
      Fail(where, value.dump() + " does not match " + rule.get<std::string>());
    }
  }

  void CheckBound(const json& rule, const json& value, const std::string& where, bool is_minimum) {
    if (!value.is_number()) return;
    double v = value.get<double>();
    double bound = rule.get<double>();
    if (is_minimum ? v < bound : v > bound) {
      Fail(where, value.dump() + (is_minimum ? " is below the minimum " : " is above the maximum ") + rule.dump());
    }
  }

  void CheckItems(const json& rule, const json& value, const std::string& where) {
    if (!value.is_array()) return;
    for (size_t i = 0; i < value.size(); ++i) Check(rule, value[i], where + "/" + std::to_string(i));
  }

  void CheckObject(const json& schema, const json& value, const std::string& where) {
    const json properties = schema.value("properties", json::object());
    for (const auto& [name, sub] : properties.items()) {
      if (value.contains(name)) Check(sub, value[name], where + "/" + name);
    }
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) Fail(where, "required field " + name.dump() + " is missing");
    }
    const json dependent = schema.value("dependentRequired", json::object());
    for (const auto& [name, needs] : dependent.items()) {
      if (!value.contains(name)) continue;
      for (const json& other : needs) {
        if (!value.contains(other.get<std::string>())) {
          Fail(where, "field \"" + name + "\" needs " + other.dump() + ", which is missing");
        }
      }
    }
    if (!schema.contains("additionalProperties")) return;
    const json& extra = schema["additionalProperties"];
    for (const auto& [name, sub] : value.items()) {
      if (properties.contains(name)) continue;
      if (extra.is_boolean() && !extra.get<bool>()) Fail(where, "field \"" + name + "\" is not in the schema");
      if (extra.is_object()) Check(extra, sub, where + "/" + name);
    }
  }
};

}  // namespace schema_internal

// Every way `value` breaks `schema`, as "<JSON pointer>: <why>".
inline std::vector<std::string> ValidateJson(const nlohmann::json& schema, const nlohmann::json& value) {
  schema_internal::Validator validator;
  validator.Check(schema, value, "");
  return validator.problems;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_JSON_SCHEMA_H_
