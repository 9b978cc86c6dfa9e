//! The production-like stack in docker-compose.yml parses, and every service it builds has
//! its Dockerfile.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

#[test]
fn the_compose_file_parses_and_every_built_service_has_its_dockerfile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text =
        std::fs::read_to_string(root.join("docker-compose.yml")).expect("docker-compose.yml");
    let docs = YamlLoader::load_from_str(&text).expect("valid YAML");
    let services = docs[0]["services"].as_hash().expect("a services map");
    let names: Vec<_> = services.keys().filter_map(Yaml::as_str).collect();
    for wanted in ["postgres", "mailpit", "api"] {
        assert!(
            names.contains(&wanted),
            "service `{wanted}` missing: {names:?}"
        );
    }
    let mut built = 0;
    for (name, service) in services {
        let build = &service["build"];
        if build.is_badvalue() {
            assert!(
                service["image"].as_str().is_some(),
                "{name:?} has neither build nor image"
            );
            continue;
        }
        built += 1;
        let (context, dockerfile) = match build {
            Yaml::String(context) => (context.as_str(), "Dockerfile"),
            _ => (
                build["context"].as_str().unwrap_or("."),
                build["dockerfile"].as_str().unwrap_or("Dockerfile"),
            ),
        };
        let path = root.join(context).join(dockerfile);
        assert!(
            path.is_file(),
            "{name:?} builds from {} which does not exist",
            path.display()
        );
    }
    assert!(built >= 1, "the API is built from this repository");
    let api_env = &services[&Yaml::from_str("api")]["environment"];
    assert!(
        !api_env.is_badvalue(),
        "the API is configured by environment"
    );
}
